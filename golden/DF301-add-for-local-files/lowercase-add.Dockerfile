from python:3.12-slim
add requirements.txt /app/
run pip install --no-cache-dir -r /app/requirements.txt
ADD app.py /app/
cmd ["gunicorn", "--chdir", "/app", "app:app"]

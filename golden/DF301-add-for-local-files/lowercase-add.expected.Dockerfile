from python:3.12-slim
copy requirements.txt /app/
run pip install --no-cache-dir -r /app/requirements.txt
COPY app.py /app/
cmd ["gunicorn", "--chdir", "/app", "app:app"]

from python:3.12-slim
workdir /app
copy requirements.txt .
run pip install --no-cache-dir -r requirements.txt
add app.py .
expose 8000
cmd gunicorn -b 0.0.0.0:8000 app:app

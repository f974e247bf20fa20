from python:3.12-slim
copy . /app
workdir /app
cmd exec gunicorn -b 0.0.0.0:8000 app:app

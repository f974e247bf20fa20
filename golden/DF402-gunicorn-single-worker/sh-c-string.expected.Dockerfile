FROM python:3.12-slim
COPY . /app
WORKDIR /app
CMD ["/bin/sh", "-c", "exec gunicorn --workers 2 --threads 4 -b 0.0.0.0:${PORT:-8000} app:app"]

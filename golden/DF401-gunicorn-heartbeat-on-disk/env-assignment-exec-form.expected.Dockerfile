FROM python:3.12-slim
COPY . /app
CMD ["env", "PYTHONPATH=/app", "gunicorn", "--worker-tmp-dir", "/dev/shm", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim
COPY . /app
WORKDIR /app
ENV WEB_CONCURRENCY=4
CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "-b", "0.0.0.0:8000", "app:app"]

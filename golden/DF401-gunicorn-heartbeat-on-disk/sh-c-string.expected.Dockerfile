FROM python:3.12-slim
COPY . /app
WORKDIR /app
ENV PORT=8080
CMD ["sh", "-c", "exec gunicorn --worker-tmp-dir /dev/shm --bind 0.0.0.0:${PORT} app:app"]

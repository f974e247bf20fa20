FROM python:3.12-slim
COPY . /app
WORKDIR /app
ENV PYTHONUNBUFFERED=1 GUNICORN_CMD_ARGS="--workers=4 --access-logfile=- --worker-tmp-dir=/dev/shm" PORT=8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim
COPY . /app
WORKDIR /app
ENV GUNICORN_CMD_ARGS="--bind=0.0.0.0:8000 --timeout=60"
CMD ["gunicorn", "app:app"]

FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY . .
ENV GUNICORN_CMD_ARGS="--bind=0.0.0.0:8000 --access-logfile=-"
CMD ["gunicorn", "app:app"]

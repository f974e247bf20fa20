FROM python:3.12-slim
COPY . /app
WORKDIR /app
ENV PORT=8080
CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:${PORT} app:app"]

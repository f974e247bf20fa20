FROM python:3.12-slim
COPY . /app
WORKDIR /app
CMD ["gunicorn", "--workers", "2", "--threads", "4", "-b", "0.0.0.0:8000", "app:app"]

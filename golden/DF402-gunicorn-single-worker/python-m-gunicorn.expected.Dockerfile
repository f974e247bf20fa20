FROM python:3.12-slim
COPY . /app
WORKDIR /app
CMD ["python3.12", "-m", "gunicorn", "--workers", "2", "--threads", "4", "-b", "0.0.0.0:8000", "app:app"]

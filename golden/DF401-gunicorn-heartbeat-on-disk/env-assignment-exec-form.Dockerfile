FROM python:3.12-slim
COPY . /app
CMD ["env", "PYTHONPATH=/app", "gunicorn", "-b", "0.0.0.0:8000", "app:app"]

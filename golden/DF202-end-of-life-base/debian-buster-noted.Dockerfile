FROM python:3.11-slim-buster
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

FROM python:3.7-alpine
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

FROM python:3.12-slim
COPY static/logo.png /app/static/
COPY settings.zip /etc/app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

FROM python:3.12-slim
ADD static/logo.png /app/static/
ADD settings.zip /etc/app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

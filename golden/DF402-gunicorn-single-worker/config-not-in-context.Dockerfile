FROM python:3.12-slim
COPY . /app
WORKDIR /app
CMD ["gunicorn", "--config", "python:myapp.gunicorn_settings", "myapp.wsgi"]

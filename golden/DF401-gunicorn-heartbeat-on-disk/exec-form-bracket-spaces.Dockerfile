FROM python:3.12-slim
COPY . /app
CMD [ "gunicorn", "--chdir", "/app", "app:app" ]

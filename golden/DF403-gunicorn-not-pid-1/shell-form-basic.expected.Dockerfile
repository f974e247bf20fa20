FROM python:3.12-slim
COPY . /app
WORKDIR /app
CMD exec gunicorn -b :8000 app:app

FROM python:3.12-slim
COPY . /app
WORKDIR /app
CMD ['gunicorn', 'app:app']

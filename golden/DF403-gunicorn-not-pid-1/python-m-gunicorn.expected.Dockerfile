FROM python:3.12-slim
COPY . /app
WORKDIR /app
CMD exec python -m gunicorn -b 0.0.0.0:8000 app:app

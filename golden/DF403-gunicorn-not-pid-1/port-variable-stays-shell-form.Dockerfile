FROM python:3.12-slim
COPY . /app
WORKDIR /app
ENV PORT=8000
CMD gunicorn -b 0.0.0.0:$PORT app:app

FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY . .
ENV PORT=80
CMD gunicorn --bind 0.0.0.0:$PORT app:app

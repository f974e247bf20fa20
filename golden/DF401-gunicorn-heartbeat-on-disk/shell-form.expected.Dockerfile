FROM python:3.12-slim
COPY . /app
ENV PORT=8000
CMD gunicorn --worker-tmp-dir /dev/shm --chdir /app -b 0.0.0.0:$PORT app:app

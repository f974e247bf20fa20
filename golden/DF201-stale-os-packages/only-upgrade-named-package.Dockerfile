FROM python:3.12-slim
RUN apt-get update \
 && apt-get install -y --only-upgrade openssl \
 && rm -rf /var/lib/apt/lists/*
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

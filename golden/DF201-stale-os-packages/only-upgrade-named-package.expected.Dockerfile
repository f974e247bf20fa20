FROM python:3.12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
 && apt-get install -y --only-upgrade openssl \
 && rm -rf /var/lib/apt/lists/*
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
RUN <<EOF
set -e
pip install --no-cache-dir gunicorn flask
EOF
COPY <<EOF /app/start.sh
#!/bin/sh
exec gunicorn --worker-tmp-dir /dev/shm --workers 2 --threads 4 -b 0.0.0.0:8000 app:app
EOF
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
CMD ["sh", "/app/start.sh"]

# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends libpq5
rm -rf /var/lib/apt/lists/*
EOF
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

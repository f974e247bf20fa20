# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN <<EOF
set -e
pip install --no-cache-dir gunicorn flask
EOF
COPY <<EOF /app/start.sh
#!/bin/sh
exec gunicorn -b 0.0.0.0:8000 app:app
EOF
CMD ["sh", "/app/start.sh"]

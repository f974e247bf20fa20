# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
COPY <<'EOF' /etc/app/settings.env
HOME_DIR=$HOME
USER root
EOF
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

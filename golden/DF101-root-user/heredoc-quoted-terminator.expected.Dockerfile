# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
COPY <<'EOF' /etc/app/settings.env
HOME_DIR=$HOME
USER root
EOF
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

# syntax=docker/dockerfile:1
FROM python:3.12-slim
ADD <<EOF /etc/app/motd
served by gunicorn
EOF
ADD <<"CONF" <<'ENV' /etc/app/
bind = "0.0.0.0:8000"
CONF
APP_ENV=production
ENV
COPY app.py /app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

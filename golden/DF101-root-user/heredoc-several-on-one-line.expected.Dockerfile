# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN mkdir -p /etc/app && cat <<APP > /etc/app/app.ini && cat <<'LOG' > /etc/app/logging.ini
[app]
home = $HOME
APP
[loggers]
keys = root
LOG
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

ARG PY=3.12
FROM python:${PY}-alpine
RUN apk upgrade --no-cache
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY . .
RUN addgroup -S -g 10001 appgroup && adduser -S -D -u 10001 -G appgroup -h /home/appuser appuser
USER 10001:10001
CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "--workers", "2", "--threads", "4", "-b", "0.0.0.0:8000", "app:app"]

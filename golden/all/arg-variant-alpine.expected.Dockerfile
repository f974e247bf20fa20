ARG PY=3.12
ARG VARIANT=alpine
FROM python:${PY}-${VARIANT}
RUN apk upgrade --no-cache
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY app.py .
RUN addgroup -S -g 10001 appgroup && adduser -S -D -u 10001 -G appgroup -h /home/appuser appuser
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "--workers", "2", "--threads", "4", "--bind", "0.0.0.0:8000", "app:app"]

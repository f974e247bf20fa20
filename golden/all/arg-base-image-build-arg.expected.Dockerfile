ARG PY=3.12
ARG BASE_IMAGE=python:3.12-slim
FROM python:${PY}-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir --prefix=/install gunicorn flask
FROM ${BASE_IMAGE} AS final
RUN apk upgrade --no-cache
COPY --from=build /install /usr/local
WORKDIR /app
COPY . .
RUN addgroup -S -g 10001 appgroup && adduser -S -D -u 10001 -G appgroup -h /home/appuser appuser
USER 10001:10001
CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "--workers", "2", "--threads", "4", "-b", "0.0.0.0:8000", "app:app"]

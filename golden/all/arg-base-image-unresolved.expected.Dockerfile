ARG PY=3.12
ARG VARIANT=alpine
FROM python:${PY}-${VARIANT} AS base
RUN apk upgrade --no-cache
RUN pip install --no-cache-dir gunicorn flask
ARG BASE_IMAGE
FROM ${BASE_IMAGE} AS final
COPY --from=base /usr/local /usr/local
CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "--workers", "2", "--threads", "4", "-b", "0.0.0.0:8000", "app:app"]

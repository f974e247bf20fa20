ARG PY=3.12
ARG VARIANT=alpine
FROM python:${PY}-${VARIANT} AS base
RUN pip install --no-cache-dir gunicorn flask
ARG BASE_IMAGE
FROM ${BASE_IMAGE} AS final
COPY --from=base /usr/local /usr/local
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

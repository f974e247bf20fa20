ARG PY=3.12
ARG BASE_IMAGE=python:3.12-slim
FROM python:${PY}-slim AS build
RUN pip install --no-cache-dir --prefix=/install gunicorn flask
FROM ${BASE_IMAGE} AS final
COPY --from=build /install /usr/local
WORKDIR /app
COPY . .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

ARG BASE=python:3.12-slim
FROM ${BASE}
RUN apk upgrade --no-cache
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

ARG BASE=python:3.12-slim
FROM ${BASE}
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

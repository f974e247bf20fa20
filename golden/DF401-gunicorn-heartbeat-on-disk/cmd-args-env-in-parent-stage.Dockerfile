FROM python:3.12-slim AS base
RUN pip install --no-cache-dir gunicorn flask
ENV GUNICORN_CMD_ARGS="--workers=2 --threads=2"

FROM base AS final
COPY . /app
WORKDIR /app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

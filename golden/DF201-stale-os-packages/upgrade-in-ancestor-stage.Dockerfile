FROM python:3.12-slim AS base
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*

FROM base AS final
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

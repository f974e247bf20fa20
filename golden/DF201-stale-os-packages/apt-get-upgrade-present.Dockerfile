FROM python:3.12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/*
COPY . /app
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
CMD ["gunicorn", "--chdir", "/app", "app:app"]

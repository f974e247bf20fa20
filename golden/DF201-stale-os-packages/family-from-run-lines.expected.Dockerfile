FROM registry.example.com/platform/python-base:2.4
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/*
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

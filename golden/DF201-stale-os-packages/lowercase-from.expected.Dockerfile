from python:3.12-slim as runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
copy . /app
cmd ["gunicorn", "--chdir", "/app", "app:app"]

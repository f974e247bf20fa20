ARG PY=3.12
ARG FLAVOUR
FROM python:$PY-${FLAVOUR:-slim} AS app
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

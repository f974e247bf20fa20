FROM --platform=linux/amd64 \
     python:3.12-slim \
     AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir gunicorn django
COPY . /app
WORKDIR /app
RUN chmod +x /app/start.sh
CMD ["/app/start.sh"]

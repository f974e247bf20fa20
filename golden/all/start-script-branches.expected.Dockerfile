FROM python:3.12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir gunicorn django
COPY . /app
WORKDIR /app
RUN chmod +x /app/start.sh
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
CMD ["/app/start.sh"]

FROM python:3.12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 1500 web && useradd --uid 1500 --gid 1500 --create-home web
WORKDIR /home/web/app
COPY --chown=web:web . .
RUN pip install --no-cache-dir -r requirements.txt
USER 1500:1500
CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "--workers", "2", "--threads", "4", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
ENV GUNICORN_CMD_ARGS="--worker-tmp-dir=/run/gunicorn --workers=3"
RUN mkdir -p /run/gunicorn && pip install --no-cache-dir gunicorn flask
WORKDIR /srv
COPY app.py .
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser \
 && mkdir -p /run/gunicorn && chown 10001:10001 /run/gunicorn
USER 10001:10001
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

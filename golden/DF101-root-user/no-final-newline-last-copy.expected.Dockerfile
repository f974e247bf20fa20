FROM python:3.12-slim
WORKDIR /opt/app
RUN pip install --no-cache-dir gunicorn flask
COPY . /opt/app
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
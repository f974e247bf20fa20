FROM python:3.12-slim
WORKDIR /opt/app
RUN pip install --no-cache-dir gunicorn flask
COPY . /opt/app
FROM python:3.12-slim
RUN pip install --no-cache-dir opentelemetry-distro gunicorn flask
COPY . /app
WORKDIR /app
CMD opentelemetry-instrument gunicorn -b 0.0.0.0:8000 app:app

FROM python:3.12-slim
RUN pip install --no-cache-dir ddtrace gunicorn flask
COPY . /app
WORKDIR /app
CMD ["ddtrace-run", "gunicorn", "--worker-tmp-dir", "/dev/shm", "-b", "0.0.0.0:8000", "app:app"]

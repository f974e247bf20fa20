FROM python:3.12-slim
COPY . /app
WORKDIR /app
ENTRYPOINT ["gunicorn", "--worker-tmp-dir", "/dev/shm"]
CMD ["--bind", "0.0.0.0:8000", "app:app"]

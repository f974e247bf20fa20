FROM python:3.12-slim
COPY . /app
WORKDIR /app
CMD ["gunicorn", "--worker-class=uvicorn.workers.UvicornWorker", "-b", "0.0.0.0:8000", "main:app"]

FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn uvicorn fastapi
COPY . /app
WORKDIR /app
CMD ["gunicorn", "-k", "uvicorn.workers.UvicornWorker", "-w", "3", "-b", "0.0.0.0:8000", "main:app"]

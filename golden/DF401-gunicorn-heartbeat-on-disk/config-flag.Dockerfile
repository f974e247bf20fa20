FROM python:3.12-slim
COPY . /app
WORKDIR /app
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:app"]

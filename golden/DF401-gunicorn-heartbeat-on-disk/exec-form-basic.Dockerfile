FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
COPY . /app
WORKDIR /app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn gevent flask
COPY . /app
WORKDIR /app
CMD ["gunicorn", "-k", "gevent", "-b", "0.0.0.0:8000", "app:app"]

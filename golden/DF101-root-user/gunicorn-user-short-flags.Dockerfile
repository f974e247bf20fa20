FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /srv
COPY . .
CMD gunicorn -u nobody -g nogroup -b 0.0.0.0:8000 app:app

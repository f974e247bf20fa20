FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
ONBUILD COPY . /app
ONBUILD CMD gunicorn --chdir /app app:app

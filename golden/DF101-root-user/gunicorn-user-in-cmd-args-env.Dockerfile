FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /srv
COPY . .
ENV GUNICORN_CMD_ARGS="--user=www-data --group=www-data --bind=0.0.0.0:8000"
CMD ["gunicorn", "app:app"]

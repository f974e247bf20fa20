FROM python:3.12-slim
ENV GUNICORN_CMD_ARGS="--worker-tmp-dir=/run/gunicorn --workers=3"
RUN mkdir -p /run/gunicorn && pip install --no-cache-dir gunicorn flask
WORKDIR /srv
COPY app.py .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

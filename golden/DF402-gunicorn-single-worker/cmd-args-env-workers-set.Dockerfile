FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
COPY . /app
WORKDIR /app
ENV GUNICORN_CMD_ARGS="--workers=3"
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

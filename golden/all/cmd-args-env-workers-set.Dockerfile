FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY app.py .
ENV GUNICORN_CMD_ARGS="--workers=1"
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
# operators run: docker run -e GUNICORN_CMD_ARGS="--workers=6" myimage

ARG PY=3.12
ARG VARIANT=alpine
FROM python:${PY}-${VARIANT}
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY app.py .
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]

ARG BASE_IMAGE
FROM ${BASE_IMAGE}
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

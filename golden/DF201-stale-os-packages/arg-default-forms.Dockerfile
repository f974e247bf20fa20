ARG PY=3.12
ARG FLAVOUR
FROM python:$PY-${FLAVOUR:-slim} AS app
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

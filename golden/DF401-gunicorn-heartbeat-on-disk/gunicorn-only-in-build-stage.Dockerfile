FROM python:3.12-slim AS dev
RUN pip install --no-cache-dir gunicorn flask
COPY . /app
CMD ["gunicorn", "--reload", "--chdir", "/app", "app:app"]

FROM python:3.12-slim AS prod
COPY --from=dev /usr/local /usr/local
COPY . /app
CMD ["waitress-serve", "--listen=0.0.0.0:8080", "--call", "app:create_app"]

FROM python:3.12-alpine
RUN apk add --no-cache libpq && apk upgrade --no-cache
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

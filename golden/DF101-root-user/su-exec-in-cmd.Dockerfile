FROM python:3.12-alpine
RUN apk add --no-cache su-exec && adduser -D app
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY . .
CMD ["su-exec", "app", "gunicorn", "-b", "0.0.0.0:8000", "app:app"]

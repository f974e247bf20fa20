FROM alpine:3.16
RUN apk add --no-cache python3 py3-pip
COPY . /app
CMD ["python3", "-m", "gunicorn", "--chdir", "/app", "app:app"]

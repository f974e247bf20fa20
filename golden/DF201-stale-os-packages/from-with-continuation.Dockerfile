FROM --platform=linux/amd64 \
     python:3.12-slim \
     AS runtime
WORKDIR /app
COPY . .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-alpine
RUN apk add --update --no-cache libpq
RUN pip install --no-cache-dir gunicorn psycopg flask
WORKDIR /app
COPY . .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

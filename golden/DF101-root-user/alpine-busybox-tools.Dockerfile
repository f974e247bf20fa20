FROM python:3.12-alpine3.22
RUN apk add --no-cache libpq
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
HEALTHCHECK CMD wget -qO- http://127.0.0.1:8000/health || exit 1
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-alpine3.22
RUN apk add --no-cache libpq
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN addgroup -S -g 10001 appgroup && adduser -S -D -u 10001 -G appgroup -h /home/appuser appuser
USER 10001:10001
HEALTHCHECK CMD wget -qO- http://127.0.0.1:8000/health || exit 1
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

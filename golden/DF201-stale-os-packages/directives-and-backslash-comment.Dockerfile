# syntax=docker/dockerfile:1.7
# escape=\
# Runtime image for the orders API \
FROM python:3.12-slim
# not a continuation of FROM \
WORKDIR /app
COPY . .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "orders.wsgi"]

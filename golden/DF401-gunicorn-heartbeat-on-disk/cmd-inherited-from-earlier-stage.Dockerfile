FROM python:3.12-slim AS base
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM base AS final
COPY . .

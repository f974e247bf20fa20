FROM node:22-bookworm-slim AS assets
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY frontend/ frontend/
RUN npm run build

FROM python:3.12-alpine AS wheels
RUN apk upgrade --no-cache
RUN apk add --no-cache build-base libpq-dev
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:3.12-alpine
RUN apk upgrade --no-cache
RUN apk add --no-cache libpq
COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
COPY --from=assets /src/dist /app/static
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "-b", "0.0.0.0:8000", "app:app"]

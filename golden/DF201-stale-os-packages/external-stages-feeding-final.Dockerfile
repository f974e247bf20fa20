FROM node:22-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY frontend/ frontend/
RUN npm run build

FROM python:3.12-alpine AS wheels
RUN apk add --no-cache build-base libpq-dev
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:3.12-alpine
RUN apk add --no-cache libpq
COPY --from=wheels /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
COPY --from=assets /src/dist /app/static
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "-b", "0.0.0.0:8000", "app:app"]

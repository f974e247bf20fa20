FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt .
FROM base AS build
RUN pip wheel --wheel-dir /wheels -r requirements.txt
FROM base AS final
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
COPY . .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

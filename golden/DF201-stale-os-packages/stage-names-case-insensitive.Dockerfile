FROM python:3.12-slim AS Base
ENV PYTHONDONTWRITEBYTECODE=1
FROM BASE AS build
RUN pip wheel --wheel-dir /wheels gunicorn flask
FROM base AS runtime
COPY --from=Build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

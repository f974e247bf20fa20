FROM python:3.12-slim AS build
COPY requirements.txt /tmp/
RUN pip wheel --wheel-dir /wheels -r /tmp/requirements.txt

FROM python:3.12-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
COPY app.py /app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

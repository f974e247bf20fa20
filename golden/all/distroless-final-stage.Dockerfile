FROM python:3.11-slim AS build
RUN pip install --no-cache-dir --target /deps gunicorn flask
COPY app.py /app/

FROM gcr.io/distroless/python3-debian12
COPY --from=build /deps /deps
COPY --from=build /app /app
ENV PYTHONPATH=/deps
WORKDIR /app
ENTRYPOINT ["python3", "-m", "gunicorn", "--bind", "0.0.0.0:8000", "app:app"]

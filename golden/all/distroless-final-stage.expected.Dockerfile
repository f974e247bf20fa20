FROM python:3.11-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get -y upgrade \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir --target /deps gunicorn flask
COPY app.py /app/

FROM gcr.io/distroless/python3-debian12
COPY --from=build /deps /deps
COPY --from=build /app /app
ENV PYTHONPATH=/deps
WORKDIR /app
USER 65532:65532
ENTRYPOINT ["python3", "-m", "gunicorn", "--worker-tmp-dir", "/dev/shm", "--workers", "2", "--threads", "4", "--bind", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim
RUN useradd --create-home app
USER app
WORKDIR /home/app
COPY --chown=app:app . .
USER root
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/*
USER app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim AS runtime
RUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

FROM python:3.12-slim AS docs
RUN pip install --no-cache-dir mkdocs
COPY docs /docs
RUN mkdocs build -f /docs/mkdocs.yml

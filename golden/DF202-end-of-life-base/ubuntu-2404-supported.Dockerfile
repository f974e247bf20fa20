FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends python3-venv \
 && rm -rf /var/lib/apt/lists/*
COPY . /app
CMD ["python3", "-m", "http.server", "--directory", "/app"]

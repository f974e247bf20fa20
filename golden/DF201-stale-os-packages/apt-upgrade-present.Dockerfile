FROM ubuntu:24.04
RUN apt update && apt -y upgrade && apt install -y python3-venv && rm -rf /var/lib/apt/lists/*
COPY . /app
CMD ["python3", "-m", "http.server", "--directory", "/app"]

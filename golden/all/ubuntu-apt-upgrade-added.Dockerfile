FROM ubuntu:24.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-venv \
 && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /venv && /venv/bin/pip install --no-cache-dir gunicorn flask
CMD ["/venv/bin/gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir gunicorn flask
COPY . /app
CMD ["/opt/venv/bin/gunicorn", "--chdir", "/app", "app:app"]

from python:3.12-slim as runtime
copy . /app
cmd ["gunicorn", "--chdir", "/app", "app:app"]

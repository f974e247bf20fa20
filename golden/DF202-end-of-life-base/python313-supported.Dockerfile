FROM python:3.13-slim-trixie
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

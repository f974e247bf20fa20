FROM python:3.12-slim
COPY src/ /app/
COPY . /srv/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

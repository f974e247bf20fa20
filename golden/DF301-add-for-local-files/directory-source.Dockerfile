FROM python:3.12-slim
ADD src/ /app/
ADD . /srv/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

FROM python:3.12-slim
ADD assets.bin /app/
ADD bundle.dat /srv/
ADD app.py bundle.dat /app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

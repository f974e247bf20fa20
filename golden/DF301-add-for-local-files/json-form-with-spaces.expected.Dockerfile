FROM python:3.12-slim
COPY ["static files/", "/app/static/"]
COPY ["app.py", "/app/"]
CMD ["gunicorn", "--chdir", "/app", "app:app"]

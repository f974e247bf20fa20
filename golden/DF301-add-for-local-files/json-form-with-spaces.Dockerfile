FROM python:3.12-slim
ADD ["static files/", "/app/static/"]
ADD ["app.py", "/app/"]
CMD ["gunicorn", "--chdir", "/app", "app:app"]

FROM python:3.12-slim
COPY . /app
CMD ["gunicorn","--chdir","/app","-b","0.0.0.0:8000","app:app"]

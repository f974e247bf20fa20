FROM python:3.12-slim
COPY . /app
CMD ["gunicorn","--worker-tmp-dir","/dev/shm","--chdir","/app","-b","0.0.0.0:8000","app:app"]

FROM python:3.12-slim
ADD app.py wsgi.py requirements.txt /app/
RUN pip install --no-cache-dir -r /app/requirements.txt
CMD ["gunicorn", "--chdir", "/app", "wsgi:application"]

FROM python:3.12-slim
ADD requirements.txt /app/
RUN pip install --no-cache-dir -r /app/requirements.txt
ADD app.py /app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

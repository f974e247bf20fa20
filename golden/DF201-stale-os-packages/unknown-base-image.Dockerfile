FROM registry.example.com/platform/web-base:4
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . /app
CMD ["gunicorn", "--chdir", "/app", "app:app"]

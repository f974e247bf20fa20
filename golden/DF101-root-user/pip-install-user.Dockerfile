FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --user --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "-m", "gunicorn", "-b", "0.0.0.0:8000", "app:app"]

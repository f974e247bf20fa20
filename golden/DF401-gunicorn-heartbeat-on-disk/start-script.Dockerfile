FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn django
COPY . /app
WORKDIR /app
CMD ["./start.sh"]

FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn django
COPY . /app
WORKDIR /app
RUN chmod +x /app/start.sh
CMD ["/app/start.sh"]

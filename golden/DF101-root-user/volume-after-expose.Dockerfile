FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
VOLUME /var/lib/app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

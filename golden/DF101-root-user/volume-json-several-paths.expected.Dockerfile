FROM python:3.12-slim
WORKDIR /app
RUN mkdir -p /app/uploads /var/log/app && chown 10001:10001 /app/uploads /var/log/app
VOLUME ["/app/uploads", "/var/log/app"]
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser \
 && mkdir -p /var/lib/app && chown 10001:10001 /var/lib/app
USER 10001:10001
EXPOSE 8000
VOLUME /var/lib/app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

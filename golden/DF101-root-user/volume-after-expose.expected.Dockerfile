FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSE 8000
RUN mkdir -p /var/lib/app && chown 10001:10001 /var/lib/app
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
VOLUME /var/lib/app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

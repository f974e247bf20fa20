FROM python:3.12-slim
ADD wheels.tar.gz /opt/
COPY src/ /app/
COPY settings.zip /etc/app/
ADD https://example.com/x.tar.gz /opt/
COPY --chown=10001:10001 req.txt /app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

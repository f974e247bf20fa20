FROM python:3.12-slim
ADD wheels.tar.gz /opt/
ADD src/ /app/
ADD settings.zip /etc/app/
ADD https://example.com/x.tar.gz /opt/
ADD --chown=10001:10001 req.txt /app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

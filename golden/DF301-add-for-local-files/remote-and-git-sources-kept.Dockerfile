# syntax=docker/dockerfile:1
FROM python:3.12-slim
ADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /opt/
ADD https://example.com/org/lib.git#v1.2.0 /src/lib
ADD --chown=10001:10001 requirements.txt /app/
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

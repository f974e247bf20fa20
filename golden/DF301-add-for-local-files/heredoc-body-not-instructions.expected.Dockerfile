# syntax=docker/dockerfile:1
FROM python:3.12-slim
COPY <<EOF /app/NOTES.txt
ADD app.py /app/
FROM here on the image is built by CI
EOF
COPY app.py /app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

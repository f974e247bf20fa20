ARG BASE_IMAGE
FROM ${BASE_IMAGE}
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

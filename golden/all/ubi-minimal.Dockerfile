FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5
RUN microdnf -y install python3.11 python3.11-pip && microdnf clean all
WORKDIR /app
COPY requirements.txt .
RUN python3.11 -m pip install --no-cache-dir -r requirements.txt
COPY . .
EXPOSE 8000
CMD ["python3.11", "-m", "gunicorn", "-b", "0.0.0.0:8000", "app:app"]

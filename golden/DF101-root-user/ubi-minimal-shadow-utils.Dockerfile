FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf -y install python3.12 python3.12-pip && microdnf clean all
COPY . /app
WORKDIR /app
RUN python3.12 -m pip install --no-cache-dir -r requirements.txt
ENV PYTHONUNBUFFERED=1
CMD ["python3.12", "-m", "gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf -y install python3.11 && microdnf clean all
COPY . /app
CMD ["python3.11", "-m", "gunicorn", "--chdir", "/app", "app:app"]

FROM registry.access.redhat.com/ubi9/ubi
RUN dnf -y update && dnf -y install python3.12 && dnf clean all
COPY . /app
CMD ["python3.12", "-m", "gunicorn", "--chdir", "/app", "app:app"]

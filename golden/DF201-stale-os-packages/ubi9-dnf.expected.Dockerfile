FROM registry.access.redhat.com/ubi9/ubi:9.5
RUN dnf -y upgrade && dnf clean all
RUN dnf -y install python3.12 python3.12-pip && dnf clean all
COPY . /app
CMD ["python3.12", "-m", "gunicorn", "--chdir", "/app", "app:app"]

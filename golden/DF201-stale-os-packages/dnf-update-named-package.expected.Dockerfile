FROM fedora:43
RUN dnf -y upgrade && dnf clean all
RUN dnf -y update openssl && dnf -y install python3-pip && dnf clean all
COPY . /app
CMD ["python3", "-m", "gunicorn", "--chdir", "/app", "app:app"]

FROM registry.access.redhat.com/ubi9/python-311
USER 0
RUN dnf -y upgrade && dnf clean all
USER 1001
COPY --chown=1001:0 . /opt/app-root/src
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "--worker-tmp-dir", "/dev/shm", "--workers", "2", "--threads", "4", "-b", "0.0.0.0:8080", "wsgi:application"]

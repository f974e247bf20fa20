FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5
RUN microdnf -y upgrade && microdnf clean all
RUN microdnf -y install python3.11 python3.11-pip && microdnf clean all
WORKDIR /app
COPY requirements.txt .
RUN python3.11 -m pip install --no-cache-dir -r requirements.txt
COPY . .
RUN microdnf -y install shadow-utils && microdnf clean all \
 && groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
EXPOSE 8000
CMD ["python3.11", "-m", "gunicorn", "--worker-tmp-dir", "/dev/shm", "--workers", "2", "--threads", "4", "-b", "0.0.0.0:8000", "app:app"]

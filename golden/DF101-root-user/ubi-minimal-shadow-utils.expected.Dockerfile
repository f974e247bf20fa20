FROM registry.access.redhat.com/ubi9/ubi-minimal
RUN microdnf -y install python3.12 python3.12-pip && microdnf clean all
COPY . /app
WORKDIR /app
RUN python3.12 -m pip install --no-cache-dir -r requirements.txt
RUN microdnf -y install shadow-utils && microdnf clean all \
 && groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
ENV PYTHONUNBUFFERED=1
CMD ["python3.12", "-m", "gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM registry.access.redhat.com/ubi9/ubi:9.5
RUN dnf -y install python3.12 python3.12-pip && dnf clean all
WORKDIR /opt/app
COPY . .
RUN python3.12 -m pip install --no-cache-dir -r requirements.txt
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
LABEL org.opencontainers.image.title="orders-api"
CMD ["python3.12", "-m", "gunicorn", "-b", "0.0.0.0:8000", "orders.wsgi"]

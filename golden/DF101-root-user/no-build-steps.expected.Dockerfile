FROM python:3.12-slim
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
EXPOSE 8000
CMD ["python", "-m", "http.server", "8000"]

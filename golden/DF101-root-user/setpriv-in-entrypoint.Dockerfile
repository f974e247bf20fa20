FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY . .
ENTRYPOINT ["setpriv", "--reuid=1000", "--regid=1000", "--init-groups", "--"]
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

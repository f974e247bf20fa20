FROM python:3.12-slim
WORKDIR /srv
RUN pip install --no-cache-dir gunicorn flask
COPY app.py gunicorn.conf.py ./
CMD ["gunicorn", "app:app"]

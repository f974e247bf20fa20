FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
COPY app.py /srv/
WORKDIR /srv
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
FROM python:3.12-slim
WORKDIR /srv
VOLUME /srv/media
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "-b", "0.0.0.0:8000", "mysite.wsgi"]

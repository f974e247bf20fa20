FROM python:3.12-slim
COPY . /srv
WORKDIR /srv
CMD python manage.py migrate && gunicorn --worker-tmp-dir /dev/shm site.wsgi

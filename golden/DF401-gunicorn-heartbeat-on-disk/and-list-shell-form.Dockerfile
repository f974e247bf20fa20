FROM python:3.12-slim
COPY . /srv
WORKDIR /srv
CMD python manage.py migrate && gunicorn site.wsgi

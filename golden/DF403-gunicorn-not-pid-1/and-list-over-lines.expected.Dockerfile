FROM python:3.12-slim
COPY . /srv
WORKDIR /srv
CMD python manage.py migrate --noinput \
 && python manage.py collectstatic --noinput \
 && exec gunicorn mysite.wsgi -b 0.0.0.0:8000

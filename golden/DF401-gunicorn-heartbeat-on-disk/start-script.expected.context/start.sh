#!/bin/sh
set -e
python manage.py migrate --noinput
exec gunicorn --worker-tmp-dir /dev/shm -b 0.0.0.0:8000 mysite.wsgi

#!/bin/sh
set -e
python manage.py migrate --noinput
if [ "$DEBUG" = "1" ]; then
  exec gunicorn --worker-tmp-dir /dev/shm --workers 2 --threads 4 --reload -b 0.0.0.0:8000 mysite.wsgi
else
  exec gunicorn --worker-tmp-dir /dev/shm -w "${GUNICORN_WORKERS:-2}" \
    -b 0.0.0.0:8000 mysite.wsgi
fi

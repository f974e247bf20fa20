#!/bin/sh
set -e
python manage.py migrate --noinput
if [ "$DEBUG" = "1" ]; then
  exec gunicorn --reload -b 0.0.0.0:8000 mysite.wsgi
else
  gunicorn -w "${GUNICORN_WORKERS:-2}" \
    -b 0.0.0.0:8000 mysite.wsgi
fi

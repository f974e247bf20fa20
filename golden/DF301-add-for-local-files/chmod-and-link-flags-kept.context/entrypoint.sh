#!/bin/sh
set -e
exec gunicorn -c /etc/gunicorn/gunicorn.conf.py app:app

#!/bin/sh
set -e
if [ "$(id -u)" = "0" ]; then
  chown -R app:app /srv/uploads
  exec gosu app "$@"
fi
exec "$@"

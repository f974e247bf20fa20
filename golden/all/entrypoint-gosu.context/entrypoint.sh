#!/bin/sh
set -e
chown -R app:app /srv/data
exec gosu app "$@"

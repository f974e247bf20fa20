#!/bin/sh
set -e

# Start as root only to hand the data volume, which may come from the host with any
# owner, to the app user. Then run the command as that user, as PID 1.
if [ "$(id -u)" = "0" ]; then
    chown -R app:app /srv/data
    exec gosu app "$@"
fi
exec "$@"

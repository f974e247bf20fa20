#!/bin/sh
set -e

# Record when the container started, for GET / to show that this script ran.
mkdir -p /tmp/script-config
date -u +%Y-%m-%dT%H:%M:%SZ > /tmp/script-config/started-at

gunicorn app:app

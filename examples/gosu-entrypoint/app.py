"""Flask app that records each visit on the data volume the entrypoint hands to it."""

import os
import time
from pathlib import Path

from flask import Flask, jsonify, request

VISITS_LOG = Path("/srv/data/visits.log")
# Upper bound for /slow, so a mistyped request cannot hold a worker thread for long.
MAX_SLOW_SECONDS = 5.0

app = Flask(__name__)


@app.route("/")
def index():
    # Fails with PermissionError unless the entrypoint gave /srv/data to this user.
    with VISITS_LOG.open("a") as log:
        log.write(f"{time.time():.3f} {request.remote_addr}\n")
    return "gosu-entrypoint: hello\n"


@app.route("/slow")
def slow():
    """Sleep, then return the worker's pid.

    Concurrent calls keep threads busy, so gthread workers start all of their threads.
    """
    seconds = min(float(request.args.get("seconds", "1")), MAX_SLOW_SECONDS)
    time.sleep(seconds)
    return jsonify(pid=os.getpid())

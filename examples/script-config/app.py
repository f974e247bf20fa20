"""Flask app that start.sh serves with the settings in gunicorn.conf.py."""

import os
import time
from pathlib import Path

from flask import Flask, jsonify, request

# start.sh writes this file before it starts Gunicorn.
STARTED_AT_FILE = Path("/tmp/script-config/started-at")
# Upper bound for /slow, so a mistyped request cannot hold a worker for long.
MAX_SLOW_SECONDS = 5.0

app = Flask(__name__)


@app.route("/")
def index():
    return f"script-config: hello, start script ran: {STARTED_AT_FILE.is_file()}\n"


@app.route("/slow")
def slow():
    """Sleep, then return the worker's pid."""
    seconds = min(float(request.args.get("seconds", "1")), MAX_SLOW_SECONDS)
    time.sleep(seconds)
    return jsonify(pid=os.getpid())

import os
import time

from flask import Flask, jsonify, request

# Upper bound for /slow, so a mistyped request cannot hold a worker thread for long.
MAX_SLOW_SECONDS = 5.0

app = Flask(__name__)


@app.route("/")
def index():
    return "multistage: hello from the installed wheel\n"


@app.route("/slow")
def slow():
    """Sleep, then return the worker's pid.

    Concurrent calls keep threads busy, so gthread workers start all of their threads.
    """
    seconds = min(float(request.args.get("seconds", "1")), MAX_SLOW_SECONDS)
    time.sleep(seconds)
    return jsonify(pid=os.getpid())

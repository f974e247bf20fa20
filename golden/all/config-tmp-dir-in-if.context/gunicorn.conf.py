import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("WORKERS", "3"))

if os.environ.get("DOCKER"):
    # Heartbeat files on tmpfs inside containers.
    worker_tmp_dir = "/dev/shm"

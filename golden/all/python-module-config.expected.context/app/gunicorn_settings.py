"""Gunicorn settings for the web service."""

bind = "0.0.0.0:8000"
accesslog = "-"  # access log on stdout
timeout = 60
worker_tmp_dir = "/dev/shm"
workers = 2
threads = 4

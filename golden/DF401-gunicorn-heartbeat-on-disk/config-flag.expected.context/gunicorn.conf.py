bind = "0.0.0.0:8000"
workers = 3
worker_tmp_dir = "/dev/shm"

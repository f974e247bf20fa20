# syntax=docker/dockerfile:1
FROM python:3.12-slim
ADD --link --chmod=0755 entrypoint.sh /usr/local/bin/entrypoint.sh
ADD   --chmod=644   gunicorn.conf.py   /etc/gunicorn/
ENTRYPOINT ["entrypoint.sh"]

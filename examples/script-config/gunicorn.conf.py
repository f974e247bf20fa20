# Gunicorn reads this file from its working directory, /srv/app in the image.
bind = "127.0.0.1:18005"
workers = 2
accesslog = "-"

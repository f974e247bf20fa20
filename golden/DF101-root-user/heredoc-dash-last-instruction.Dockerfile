# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /srv
COPY . .
RUN <<-EOT
	set -e
	pip install --no-cache-dir -r requirements.txt
	python manage.py collectstatic --noinput
	EOT
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "mysite.wsgi"]

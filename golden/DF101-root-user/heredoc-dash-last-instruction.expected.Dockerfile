# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /srv
COPY . .
RUN <<-EOT
	set -e
	pip install --no-cache-dir -r requirements.txt
	python manage.py collectstatic --noinput
	EOT
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "mysite.wsgi"]

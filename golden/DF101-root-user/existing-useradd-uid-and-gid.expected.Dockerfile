FROM python:3.12-slim
RUN groupadd --gid 1500 web \
 && useradd --uid 1500 --gid 1500 --create-home web
WORKDIR /srv
COPY . .
USER 1500:1500
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

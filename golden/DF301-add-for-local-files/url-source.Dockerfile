FROM python:3.12-slim
ADD https://example.com/static/site.css /app/static/
ADD http://example.com/robots.txt /app/static/robots.txt
CMD ["gunicorn", "--chdir", "/app", "app:app"]

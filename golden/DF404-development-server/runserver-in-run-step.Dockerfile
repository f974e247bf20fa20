FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN python manage.py runserver --help
CMD ["gunicorn", "mysite.wsgi"]

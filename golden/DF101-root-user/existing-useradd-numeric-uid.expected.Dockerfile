FROM python:3.12-slim
RUN useradd -m -u 1000 django
WORKDIR /srv
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
USER 1000
EXPOSE 8000
CMD ["gunicorn", "mysite.wsgi", "-b", "0.0.0.0:8000"]

FROM python:3.12-slim
ADD wheels.tar.gz /opt/wheels/
ADD src/ /app/
ADD settings.zip /etc/myapp/
RUN pip install --no-index --find-links=/opt/wheels -r /app/requirements.txt
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

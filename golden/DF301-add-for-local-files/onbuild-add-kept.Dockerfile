FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
ONBUILD ADD requirements.txt /app/
ONBUILD RUN pip install --no-cache-dir -r /app/requirements.txt
ONBUILD ADD app.py /app/
CMD ["gunicorn", "--chdir", "/app", "app:app"]

FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
WORKDIR /app
COPY app.py .
ONBUILD ADD requirements.txt /app/
ONBUILD COPY . /app/
ONBUILD CMD gunicorn -b 0.0.0.0:8000 app:app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

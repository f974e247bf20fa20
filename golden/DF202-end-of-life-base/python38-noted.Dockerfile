FROM python:3.8
WORKDIR /app
COPY . .
RUN python -m pip install -r requirements.txt
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]

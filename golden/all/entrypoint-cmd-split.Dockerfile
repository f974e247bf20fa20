FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn flask
COPY . /app
WORKDIR /app
ENTRYPOINT ["gunicorn", "--bind", "0.0.0.0:8000"]
CMD ["app:app"]

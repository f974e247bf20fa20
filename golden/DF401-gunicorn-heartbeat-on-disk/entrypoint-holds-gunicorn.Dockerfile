FROM python:3.12-slim
COPY . /app
WORKDIR /app
ENTRYPOINT ["gunicorn", "--bind", "0.0.0.0:8000"]
CMD ["app:app"]

FROM python:3.12-slim
RUN pip install --no-cache-dir flask
WORKDIR /app
COPY . .
ENV FLASK_APP=app.py
CMD ["flask", "run", "--host=0.0.0.0"]

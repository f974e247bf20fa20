FROM python:3.12-slim
RUN useradd --create-home app
WORKDIR /home/app/src
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
USER app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

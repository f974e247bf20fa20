FROM python:3.12-slim
RUN useradd --uid 1000 --create-home app
WORKDIR /home/app
COPY --chown=app:app . .
RUN pip install --no-cache-dir -r requirements.txt
USER 1000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

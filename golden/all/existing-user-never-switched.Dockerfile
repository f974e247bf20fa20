FROM python:3.12-slim
RUN groupadd --gid 1500 web && useradd --uid 1500 --gid 1500 --create-home web
WORKDIR /home/web/app
COPY --chown=web:web . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

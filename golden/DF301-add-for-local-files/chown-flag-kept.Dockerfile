FROM python:3.12-slim
RUN useradd --uid 1000 --create-home app
ADD --chown=app:app app.py /home/app/
USER app
CMD ["gunicorn", "--chdir", "/home/app", "app:app"]

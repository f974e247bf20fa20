FROM registry.access.redhat.com/ubi8/python-39:latest
COPY --chown=1001:0 requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY --chown=1001:0 . ./
CMD ["gunicorn", "-b", "0.0.0.0:8080", "wsgi:application"]

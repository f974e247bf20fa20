FROM registry.access.redhat.com/ubi9/python-312
COPY --chown=1001:0 . /opt/app-root/src
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "-b", "0.0.0.0:8080", "wsgi:application"]

FROM python:3.12-slim
ADD vendor.tar /opt/a/
ADD vendor.tar.gz /opt/b/
ADD vendor.tgz /opt/c/
ADD vendor.tar.bz2 /opt/d/
ADD vendor.tbz2 /opt/e/
ADD vendor.tar.xz /opt/f/
ADD vendor.txz /opt/g/
ADD vendor.tar.zst /opt/h/
CMD ["gunicorn", "--chdir", "/opt/a/vendor", "app:app"]

# syntax=docker/dockerfile:1-labs
FROM python:3.12-slim
ADD --keep-git-dir=true https://github.com/example/lib.git#main /src/lib
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.bin /usr/local/bin/tool
ADD --unpack=false vendor.bin /opt/vendor/
CMD ["gunicorn", "--chdir", "/src/lib", "app:app"]

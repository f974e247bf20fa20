# syntax=docker/dockerfile:1
FROM python:3.12-slim
ADD git@github.com:example/shared-lib.git /src/shared-lib
ADD https://github.com/example/plugins.git#v2.0.1 /src/plugins
ADD https://example.com/example/theme.git /src/theme
CMD ["gunicorn", "--chdir", "/src", "app:app"]

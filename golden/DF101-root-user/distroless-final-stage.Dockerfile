FROM python:3.11-slim AS build
RUN pip install --no-cache-dir --target /deps -r /dev/stdin <<EOF
gunicorn==23.0.0
flask==3.0.3
EOF
COPY . /app

FROM gcr.io/distroless/python3-debian12
COPY --from=build /deps /deps
COPY --from=build /app /app
ENV PYTHONPATH=/deps
ENTRYPOINT ["python3", "-m", "gunicorn", "--chdir", "/app", "-b", "0.0.0.0:8000", "app:app"]

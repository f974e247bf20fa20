FROM python:3.12-slim@sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8
WORKDIR /app
COPY . .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

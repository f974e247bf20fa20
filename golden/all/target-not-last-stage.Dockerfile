FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM base AS Final
COPY . .
EXPOSE 8000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]

FROM python:3.12-slim AS lint
RUN pip install --no-cache-dir ruff
COPY . /src
RUN ruff check /src

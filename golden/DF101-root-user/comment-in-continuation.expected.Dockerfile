FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN apt-get update \
# libpq5 is needed by psycopg at run time \
 && apt-get install -y --no-install-recommends libpq5 \
    # keep the image small
 && rm -rf /var/lib/apt/lists/* \
 && pip install --no-cache-dir -r requirements.txt
RUN groupadd --system --gid 10001 appgroup \
 && useradd --system --uid 10001 --gid appgroup --create-home --home-dir /home/appuser appuser
USER 10001:10001
# the server reads PORT \
ENV PORT=8000
CMD gunicorn -b 0.0.0.0:$PORT app:app

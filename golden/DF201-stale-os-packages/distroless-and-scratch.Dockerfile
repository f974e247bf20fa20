FROM gcr.io/distroless/python3-debian12 AS runtime
COPY site-packages /deps
COPY . /app
ENV PYTHONPATH=/deps

FROM scratch AS export
COPY --from=runtime /app /app

FROM python:3.12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends binutils patchelf \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir pyinstaller staticx waitress flask
COPY serve.py app.py /src/
RUN pyinstaller --onefile --distpath /dist /src/serve.py \
 && staticx /dist/serve /serve

FROM scratch
COPY --from=build /serve /serve
COPY --from=build /tmp /tmp
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["/serve"]

# Build: the same command as `make release`.
FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4-openssl-dev libsqlite3-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN swift build -c release --product engage -Xswiftc -dwarf-version=4 --static-swift-stdlib \
 && install -D .build/release/engage /out/engage

# Run: a slim Debian with the two C libraries Engage links against.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libcurl4 libsqlite3-0 ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data engage \
 && mkdir -p /data && chown engage /data
COPY --from=build /out/engage /usr/local/bin/engage
USER engage
ENV ENGAGE_HOST=0.0.0.0 \
    ENGAGE_PORT=8080 \
    ENGAGE_DATABASE=/data/engage.sqlite
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["engage"]
CMD ["serve"]

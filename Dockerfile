# syntax=docker/dockerfile:1
# msb-mcp container image: build stage (Maven), runtime stage (JRE, non-root). Build and run: see docs/deployment.md.
#   docker build -t msb-mcp .
#   docker run -d --add-host=host.docker.internal:host-gateway -p 127.0.0.1:8000:8000 --stop-timeout 120 msb-mcp

# --- build stage: the same build command as README.md ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY errors errors
COPY wrapper wrapper
COPY dev-server dev-server
COPY adapter adapter
COPY integration-tests integration-tests
COPY bench bench
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

# --- runtime stage: a JRE, the jar, a non-root user ---
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /nonexistent --shell /usr/sbin/nologin msb-mcp
COPY --from=build /src/adapter/target/msb-mcp.jar /opt/msb-mcp/msb-mcp.jar
# The launcher and its JVM settings (bin/jvm.options); its first run, here as root, makes the class-data archive
# /opt/msb-mcp/msb-mcp.jsa that every start of the container then maps (a faster start).
COPY bin/msb-mcp bin/jvm.options /opt/msb-mcp/bin/
RUN /opt/msb-mcp/bin/msb-mcp --version
USER 10001:10001
# Listen on every interface of the container. Requests must still name an allowed Host: localhost and 127.0.0.1 are;
# add the public name (reverse proxy, host name) to MCP_ALLOWED_HOSTS. The Microsandbox server runs on the host:
# run with --add-host=host.docker.internal:host-gateway, or set MSB_SERVER_URL.
ENV MCP_SERVER_HOST=0.0.0.0 \
    MCP_SERVER_PORT=8000 \
    MCP_LOG_FORMAT=json \
    MSB_SERVER_URL=http://host.docker.internal:5555
EXPOSE 8000
# Healthy while /health answers 200; 503 (the Microsandbox server is unreachable) makes the container unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/health || exit 1
# SIGTERM stops gracefully: running calls get MCP_SHUTDOWN_TIMEOUT (30 s), then the sandboxes are stopped.
# docker stop waits 10 s by default: run with --stop-timeout 120.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/msb-mcp/bin/msb-mcp"]

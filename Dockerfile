# syntax=docker/dockerfile:1
# msb-mcp container image. Build: docker build -t msb-mcp .   Run: see docs/deployment.md.

# --- build stage: the same build command as README.md ---
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY errors errors
COPY wrapper wrapper
COPY dev-server dev-server
COPY adapter adapter
COPY integration-tests integration-tests
RUN mvn -B -q -DskipTests package

# --- runtime stage: a JRE, the jar, a non-root user ---
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /nonexistent --shell /usr/sbin/nologin msb-mcp
COPY --from=build /src/adapter/target/msb-mcp.jar /opt/msb-mcp/msb-mcp.jar
USER msb-mcp
# Listen on all interfaces inside the container; publish the port on the host's loopback or behind a proxy.
# Requests must still name an allowed host: add your public name to MCP_ALLOWED_HOSTS.
ENV MCP_SERVER_HOST=0.0.0.0 \
    MCP_SERVER_PORT=8000 \
    MCP_LOG_FORMAT=json \
    MSB_SERVER_URL=http://host.docker.internal:5555
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/health || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=75", "-jar", "/opt/msb-mcp/msb-mcp.jar"]

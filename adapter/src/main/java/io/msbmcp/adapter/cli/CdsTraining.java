package io.msbmcp.adapter.cli;

import io.msbmcp.adapter.config.LogFormat;
import io.msbmcp.adapter.config.LogLevel;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.logging.LoggingSetup;
import io.msbmcp.adapter.server.McpHttpServer;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training run of the class-data sharing archive ({@code bin/msb-mcp} runs it once with {@code
 * -XX:ArchiveClassesAtExit}): goes through what a real start goes through (the command line, the configuration, both
 * log formats, the wrapper, the HTTP server on a free loopback port against an unreachable Microsandbox server), makes
 * the calls a client makes (health, the handshake, tools/list, tool calls that succeed and fail), then stops. The
 * classes it loads are the ones the archive holds, so later starts find them mapped instead of loading them.
 */
public final class CdsTraining {
    private static final Logger logger = LoggerFactory.getLogger(CdsTraining.class);

    private CdsTraining() {}

    public static void main(String[] args) {
        StringWriter discarded = new StringWriter();
        PrintWriter out = new PrintWriter(discarded);
        Map<String, String> env = Map.of("MSB_SERVER_URL", "http://127.0.0.1:9", "MCP_LOG_FORMAT", "text");
        int code = Cli.run(new String[0], env, out, out, CdsTraining::train);
        System.exit(code);
    }

    private static int train(ServerConfig config, WrapperConfig wrapperConfig) throws Exception {
        LoggingSetup.configure(LogLevel.INFO, LogFormat.JSON);
        logger.atInfo().addKeyValue("training", true).log("class-data training run");
        LoggingSetup.configure(config.logLevel(), config.logFormat());
        MicrosandboxWrapper wrapper = MicrosandboxWrapper.create(wrapperConfig);
        wrapper.start();
        try (McpHttpServer server =
                McpHttpServer.start(config.toBuilder().port(0).build(), wrapper)) {
            String base = server.baseUri().toString();
            call("GET", base + "/health", null, null);
            String mcp = server.mcpUri().toString();
            call("POST", mcp, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}", null);
            call("POST", mcp, toolCall("get_volume_path", "{}"), null);
            call("POST", mcp, toolCall("execute_code", "{\"code\":\"print(1)\"}"), null);
            call("POST", mcp, toolCall("stop_session", "{\"session_id\":\"none\"}"), null);
            call("POST", mcp, "{not json", null);
            String session = call(
                    "POST",
                    mcp,
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"cds\",\"version\":\"1\"}}}",
                    null);
            if (session != null) {
                call("POST", mcp, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session);
                call("POST", mcp, toolCall("get_sessions", "{}"), session);
                call("DELETE", mcp, null, session);
            }
        } finally {
            wrapper.close();
        }
        return ExitCodes.OK;
    }

    private static String toolCall(String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    /** One request; returns the answer's Mcp-Session-Id header, if any. Failures are part of the training. */
    private static @Nullable String call(String method, String url, @Nullable String body, @Nullable String session) {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(30000);
            connection.setRequestProperty("Accept", "application/json, text/event-stream");
            if (session != null) {
                connection.setRequestProperty("Mcp-Session-Id", session);
                connection.setRequestProperty("MCP-Protocol-Version", "2025-06-18");
            }
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return connection.getHeaderField("Mcp-Session-Id");
        } catch (IOException e) {
            logger.debug("training call {} {} failed: {}", method, url, e.toString());
            return null;
        }
    }
}

package io.msbmcp.adapter.logging;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.config.LogFormat;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.config.ServerConfigLoader;
import io.msbmcp.adapter.server.McpHttpServer;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.config.WrapperConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * What an operator's log really holds: the server in process, configured from the environment as at startup, with its
 * log output captured while clients make tool calls (session-less and over an MCP session; success, the user's code
 * failing, and errors). With {@code MCP_LOG_FORMAT=json} every line is one JSON object, every tool call is one event
 * with request id, MCP session, sandbox session, tool, duration and outcome; the default is readable text. No line
 * holds code, a command line, an env value, a package name or a secret.
 */
@Timeout(30)
final class ToolCallLogLinesTest {
    private static final String TOKEN = "tok-SECRET-5f1c2a";
    private static final String API_KEY = "msb_key-SECRET-9d3e7b";
    private static final String CODE = "print('CODE-MARKER-1')";
    private static final String RAISING_CODE = "raise ValueError('CODE-MARKER-2')";
    private static final String COMMAND = "echo CMD-MARKER-3 | tr a-z A-Z";
    private static final String ENV_VALUE = "ENV-VALUE-MARKER-4";
    private static final String PACKAGE = "package-marker-5";
    private static final List<String> NEVER_LOGGED = List.of(
            TOKEN,
            API_KEY,
            "CODE-MARKER",
            base64(CODE),
            base64(RAISING_CODE),
            "CMD-MARKER",
            "ENV-VALUE-MARKER",
            PACKAGE,
            "SECRET_ENV_NAME",
            "hello");

    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @BeforeAll
    static void stubs() {
        Backend.healthy(backend);
        backend.stubFor(Backend.rpc("sandbox.repl.run")
                .withRequestBody(containing(base64(RAISING_CODE))) // the wrapper sends code base64-encoded
                .willReturn(Backend.replRaised("ValueError: x")));
    }

    @AfterEach
    void restore() throws Exception {
        System.setErr(originalErr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The environment of a production start, plus the test backend. */
    private static Map<String, String> environment(String format) {
        Map<String, String> env = new HashMap<>();
        env.put("MCP_AUTH_TOKEN", TOKEN);
        env.put("MSB_API_KEY", API_KEY);
        env.put("MSB_SERVER_URL", backend.baseUrl());
        if (format != null) {
            env.put("MCP_LOG_FORMAT", format);
        }
        return env;
    }

    /** Starts as the launcher does (logging, wrapper, HTTP server), makes the calls, stops; returns stderr. */
    private String runCallsWithLogging(Map<String, String> env) throws Exception {
        ServerConfig serverConfig =
                ServerConfigLoader.from(env).toBuilder().port(0).build();
        WrapperConfig wrapperConfig = WrapperConfigLoader.from(env);
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggingSetup.configure(serverConfig.logLevel(), serverConfig.logFormat());
        MicrosandboxWrapper wrapper = MicrosandboxWrapper.create(wrapperConfig);
        wrapper.start();
        try (McpHttpServer server = McpHttpServer.start(serverConfig, wrapper)) {
            makeCalls(new Http(server.baseUri()));
        } finally {
            wrapper.close();
        }
        LoggingSetup.shutdown(); // writes the queued events
        System.setErr(originalErr);
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void makeCalls(Http http) {
        String[] plain = {"Content-Type", "application/json", "Authorization", "Bearer " + TOKEN};
        // 1: session-less, success
        JsonNode first = http.post("/mcp", http.toolCall("execute_code", Map.of("code", CODE)), plain)
                .json();
        String sessionId =
                first.get("result").get("structuredContent").get("session_id").asText();
        // 2: the user's code raises: isError result
        http.post("/mcp", http.toolCall("execute_code", Map.of("code", RAISING_CODE, "session_id", sessionId)), plain);
        // 3: unknown session: JSON-RPC error
        http.post("/mcp", http.toolCall("stop_session", Map.of("session_id", "no-such-session")), plain);
        // 4: dependency install fails in a new session: a backend error, with the session known only from the error
        http.post("/mcp", http.toolCall("execute_code", Map.of("code", CODE, "dependencies", List.of(PACKAGE))), plain);
        // 5: over an MCP session (handshake client), a command with an env value
        String[] strict = {
            "Content-Type", "application/json",
            "Accept", "application/json, text/event-stream",
            "Authorization", "Bearer " + TOKEN
        };
        Http.Response init = http.post(
                "/mcp",
                http.request(
                        "initialize",
                        Map.of(
                                "protocolVersion",
                                "2025-06-18",
                                "capabilities",
                                Map.of(),
                                "clientInfo",
                                Map.of("name", "log-test", "version", "1"))),
                strict);
        String mcpSession = init.header("Mcp-Session-Id");
        String[] withSession = {
            "Content-Type", "application/json",
            "Accept", "application/json, text/event-stream",
            "Authorization", "Bearer " + TOKEN,
            "Mcp-Session-Id", mcpSession,
            "MCP-Protocol-Version", "2025-06-18"
        };
        http.post("/mcp", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", withSession);
        Http.Response command = http.post(
                "/mcp",
                http.toolCall(
                        "execute_command",
                        Map.of(
                                "command",
                                COMMAND,
                                "session_id",
                                sessionId,
                                "env",
                                Map.of("SECRET_ENV_NAME", ENV_VALUE))),
                withSession);
        assertThat(command.status()).isEqualTo(200);
    }

    /** The fields of a JSON event, as text (the encoder writes the key-values as top-level fields). */
    private static Map<String, String> fields(JsonNode event) {
        Map<String, String> fields = new LinkedHashMap<>();
        event.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        return fields;
    }

    @Test
    void json_everyLineIsOneEvent_eachToolCallHasItsFields_noSecretsOrCode() throws Exception {
        String output = runCallsWithLogging(environment("json"));

        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : output.split("\n")) {
            JsonNode event = mapper.readTree(line);
            assertThat(event.isObject()).as("line %s", line).isTrue();
            assertThat(event.get("level").asText()).isIn("INFO", "WARN", "ERROR");
            events.add(event);
        }
        List<Map<String, String>> calls = events.stream()
                .filter(e -> e.get("logger_name").asText().equals("io.msbmcp.adapter.tool.Tools"))
                .map(ToolCallLogLinesTest::fields)
                .toList();
        assertThat(calls).hasSize(5);
        assertThat(calls)
                .allSatisfy(call -> assertThat(call).containsKeys("request_id", "tool", "duration_ms", "outcome"));
        assertThat(calls)
                .extracting(call -> call.get("outcome"))
                .containsExactly("success", "tool_error", "error", "error", "success");
        assertThat(calls.get(2)).containsEntry("error_code", "SESSION_NOT_FOUND");
        assertThat(calls.get(3)).containsEntry("error_code", "CODE_EXECUTION_ERROR");
        assertThat(calls.get(3)).containsKey("session_id");
        assertThat(calls.get(4))
                .containsEntry("tool", "execute_command")
                .containsKey("mcp_session_id")
                .containsKey("session_id");
        assertThat(calls.subList(0, 4)).allSatisfy(call -> assertThat(call).doesNotContainKey("mcp_session_id"));
        assertThat(events).anySatisfy(e -> assertThat(e.get("message").asText()).contains("Wrapper started"));
        assertThat(events)
                .filteredOn(e -> e.has("duration_ms"))
                .allSatisfy(
                        e -> assertThat(e.get("duration_ms").isIntegralNumber()).isTrue());
        for (String secretOrCode : NEVER_LOGGED) {
            assertThat(output).as("log output").doesNotContain(secretOrCode);
        }
    }

    @Test
    void text_isTheDefault_readableLinesWithTheFields_noSecretsOrCode() throws Exception {
        assertThat(ServerConfigLoader.from(Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);

        String output = runCallsWithLogging(environment(null));

        assertThat(output.lines()).noneMatch(line -> line.startsWith("{"));
        assertThat(output.lines().filter(line -> line.contains(" Tools - tool call ")))
                .hasSize(5)
                .allSatisfy(line -> assertThat(line).contains("request_id=", "tool=", "duration_ms=", "outcome="));
        for (String secretOrCode : NEVER_LOGGED) {
            assertThat(output).as("log output").doesNotContain(secretOrCode);
        }
    }
}

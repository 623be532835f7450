package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three commands of the seed README's "Manual Testing with curl", run with the {@code curl} binary exactly as
 * printed there; only the port is the adapter's. To see the HTTP status and content type without changing the command
 * line, curl reads a {@code .curlrc} (through {@code CURL_HOME}) that adds a {@code write-out} line after the body.
 */
@Timeout(120)
final class SeedCurlIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static final String TOOLS_LIST_BODY =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}";
    private static final String EXECUTE_CODE_BODY = """
            {
                "jsonrpc": "2.0",
                "id": 2,
                "method": "tools/call",
                "params": {
                  "name": "execute_code",
                  "arguments": {
                    "code": "print(\\"Hello from MCP!\\")",
                    "template": "python"
                  }
                }
              }""";
    private static final Pattern STATUS_LINE = Pattern.compile("\\n\\[it-http] (\\d{3}) (.*)\\n?$");

    private static String base;
    private static Path curlHome;

    @BeforeAll
    static void setUp() throws IOException {
        base = "http://localhost:" + it.shared().adapter().port();
        curlHome = ItEnv.newDir("curl", "home");
        Files.writeString(
                curlHome.resolve(".curlrc"), "write-out = \"\\n[it-http] %{http_code} %{content_type}\\n\"\n");
    }

    @Test
    void toolsList_seedCurlCommand_listsEveryToolAsJson() {
        Answer answer =
                curl("-X", "POST", base + "/mcp", "-H", "Content-Type: application/json", "-d", TOOLS_LIST_BODY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode tools = answer.json().path("result").path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(tool -> names.add(tool.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(ToolNames.SORTED);
        assertThat(answer.json().path("id").asInt()).isEqualTo(1);
    }

    @Test
    void executeCode_seedCurlCommand_printsHelloFromMcp() {
        Answer answer =
                curl("-X", "POST", base + "/mcp", "-H", "Content-Type: application/json", "-d", EXECUTE_CODE_BODY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode result = answer.json().path("result");
        assertThat(answer.json().path("id").asInt()).isEqualTo(2);
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("structuredContent").path("stdout").asText()).isEqualTo("Hello from MCP!");
        assertThat(result.path("content").get(0).path("text").asText()).contains("Hello from MCP!");
        assertThat(result.path("session_id").asText()).isNotBlank();
        assertThat(result.path("session_created").asBoolean()).isTrue();
        it.shared()
                .mcp()
                .callTool(
                        "stop_session",
                        Map.of("session_id", result.path("session_id").asText()));
    }

    @Test
    void serverStatus_seedCurlCommand_reportsHealthy() {
        Answer answer = curl(base + "/");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        assertThat(answer.json().path("status").asText()).isEqualTo("healthy");
        assertThat(answer.json().path("server").asText()).isEqualTo("MCP Server for Microsandbox");
        assertThat(answer.json().path("wrapper_status").asText()).isEqualTo("connected");
        assertThat(answer.json().path("version").asText()).isNotBlank();
    }

    private static Answer curl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("curl");
        command.addAll(List.of(args));
        Processes.Result result = Processes.run(
                "curl",
                command,
                Map.of("CURL_HOME", curlHome.toString()),
                curlHome,
                it.logDir(),
                Duration.ofSeconds(90));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        Matcher matcher = STATUS_LINE.matcher(result.stdout());
        assertThat(matcher.find())
                .as("status line from .curlrc in %s", result.stdout())
                .isTrue();
        String body = result.stdout().substring(0, matcher.start());
        return new Answer(Integer.parseInt(matcher.group(1)), matcher.group(2).trim(), Json.parse(body));
    }

    private record Answer(int status, String contentType, JsonNode json) {}
}

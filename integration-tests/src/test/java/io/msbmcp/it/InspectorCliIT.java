package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MCP Inspector CLI ({@code @modelcontextprotocol/inspector} 2.12.0 {@code --cli}, built on the 2.x client, a
 * second independent client stack) against the shared adapter, with {@code HOME} in a scratch folder. Its documented
 * exit codes: 0 ok, 1 error (a JSON-RPC error answer), 4 server unreachable, 5 tool error ({@code isError}) or
 * tool missing. With {@code --protocol-era legacy|auto|modern} it lists tools and runs code in each era; what it sent
 * (handshake or {@code server/discover}, protocol headers) is recorded by {@code clients/fetch-recorder.cjs}.
 */
@Timeout(300)
final class InspectorCliIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static Path home;
    private static String url;

    @BeforeAll
    static void setUp() {
        home = ItEnv.newDir("inspector", "home");
        url = it.shared().adapter().mcpUrl().toString();
    }

    @Test
    void toolsList_inspectorCli_exitsZeroWithEveryTool() {
        Processes.Result run = inspector(url, "--method", "tools/list");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> names = new ArrayList<>();
        Json.parse(run.stdout())
                .path("tools")
                .forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(ToolNames.SORTED);
    }

    @Test
    void executeCode_inspectorCli_printsOutputAndReusesSession() {
        String session = Sessions.newId("inspector");

        Processes.Result first = inspector(
                url,
                "--method",
                "tools/call",
                "--tool-name",
                "execute_code",
                "--tool-arg",
                "code=x = 6 * 7",
                "--tool-arg",
                "session_id=" + session);
        Processes.Result second = inspector(
                url,
                "--method",
                "tools/call",
                "--tool-name",
                "execute_code",
                "--tool-arg",
                "code=print(x)",
                "--tool-arg",
                "session_id=" + session);

        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(second.exitCode()).as(second.describe()).isZero();
        JsonNode result = Json.parse(second.stdout());
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("structuredContent").path("stdout").asText()).isEqualTo("42");
        assertThat(result.path("structuredContent").path("session_created").asBoolean())
                .isFalse();
        assertThat(result.path("content").get(0).path("text").asText()).contains("42");
        System.out.println("[it] Inspector tools/call stdout: " + result);
        it.shared().mcp().callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void protocolEraLegacy_inspectorCli_listsToolsAndRunsCodeAfterAHandshake() {
        listToolsAndRunCodeInEra("legacy");
    }

    @ParameterizedTest(name = "--protocol-era {0}")
    @ValueSource(strings = {"auto", "modern"})
    void protocolEraAutoOrModern_inspectorCli_listsToolsAndRunsCodeIn20260728(String era) {
        listToolsAndRunCodeInEra(era);
    }

    private static void listToolsAndRunCodeInEra(String era) {
        String session = Sessions.newId("inspector-" + era);
        FetchLog fetches = FetchLog.in(it.logDir(), "inspector-" + era);

        Processes.Result list = inspectorInEra(era, fetches, "--method", "tools/list");
        Processes.Result call = inspectorInEra(
                era,
                fetches,
                "--method",
                "tools/call",
                "--tool-name",
                "execute_code",
                "--tool-arg",
                "code=x = 6 * 7; print(x)",
                "--tool-arg",
                "session_id=" + session);

        System.out.printf("[it] Inspector --protocol-era %s sent %s%n", era, fetches);
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(call.exitCode()).as(call.describe()).isZero();
        List<String> names = new ArrayList<>();
        Json.parse(list.stdout())
                .path("tools")
                .forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(ToolNames.SORTED);
        JsonNode result = Json.parse(call.stdout());
        assertThat(result.path("isError").asBoolean()).as(call.stdout()).isFalse();
        assertThat(result.path("structuredContent").path("stdout").asText()).isEqualTo("42");
        assertThat(result.path("structuredContent").path("session_id").asText()).isEqualTo(session);
        if (era.equals("legacy")) {
            assertThat(fetches.requests("server/discover")).as("%s", fetches).isEmpty();
            assertThat(fetches.requests("initialize")).as("%s", fetches).hasSize(2);
            for (JsonNode request : fetches.requests("tools/call")) {
                assertThat(request.path("protocolVersionHeader").asText())
                        .as("%s", fetches)
                        .isIn("2025-06-18", "2025-11-25");
                assertThat(request.path("sessionHeader").asBoolean()).isTrue();
            }
        } else {
            assertThat(fetches.requests("initialize"))
                    .as("%s negotiates 2026-07-28 without a handshake: %s", era, fetches)
                    .isEmpty();
            assertThat(fetches.requests("server/discover")).as("%s", fetches).isNotEmpty();
            List<JsonNode> modern = new ArrayList<>(fetches.requests("tools/list"));
            modern.addAll(fetches.requests("tools/call"));
            assertThat(modern).as("%s", fetches).isNotEmpty();
            for (JsonNode request : modern) {
                assertThat(request.path("status").asInt()).as("%s", request).isEqualTo(200);
                assertThat(request.path("protocolVersionHeader").asText())
                        .as("%s", request)
                        .isEqualTo("2026-07-28");
                assertThat(request.path("metaProtocolVersion").asText())
                        .as("%s", request)
                        .isEqualTo("2026-07-28");
                assertThat(request.path("mcpMethodHeader").asText())
                        .isEqualTo(request.path("method").asText());
                assertThat(request.path("sessionHeader").asBoolean())
                        .as("no MCP session")
                        .isFalse();
            }
        }
        it.shared().mcp().callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void executeCode_raisingCode_inspectorExitsFiveWithToolError() {
        Processes.Result run =
                inspector(url, "--method", "tools/call", "--tool-name", "execute_code", "--tool-arg", "code=1/0");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(5);
        JsonNode result = Json.parse(run.stdout());
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.path("structuredContent").path("stderr").asText()).contains("ZeroDivisionError");
        assertThat(run.stderr()).contains("tool_is_error");
        System.out.println("[it] Inspector tool error: exit " + run.exitCode() + ", stderr "
                + run.stderr().strip());
        it.shared()
                .mcp()
                .callTool(
                        "stop_session",
                        Map.of(
                                "session_id",
                                result.path("structuredContent")
                                        .path("session_id")
                                        .asText()));
    }

    @Test
    void stopSession_unknownId_inspectorExitsOneWithTheErrorMessage() {
        Processes.Result run = inspector(
                url,
                "--method",
                "tools/call",
                "--tool-name",
                "stop_session",
                "--tool-arg",
                "session_id=no-such-session");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.stdout()).isBlank();
        JsonNode error = Json.lastObjectLine(run.stderr()).path("error");
        assertThat(error.path("message").asText()).isEqualTo("Session 'no-such-session' not found");
        System.out.println("[it] Inspector JSON-RPC error: exit " + run.exitCode() + ", stderr "
                + run.stderr().strip());
    }

    @Test
    void unknownTool_inspectorExitsFive() {
        Processes.Result run = inspector(url, "--method", "tools/call", "--tool-name", "no_such_tool");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(5);
        assertThat(run.stderr()).contains("tool_not_found");
    }

    @Test
    void serverDown_inspectorExitsFour() {
        String nothingThere = "http://127.0.0.1:" + FreePorts.loopback() + "/mcp";

        Processes.Result run = inspector(nothingThere, "--method", "tools/list");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(4);
        assertThat(run.stderr()).contains("unreachable");
    }

    private static Processes.Result inspectorInEra(String era, FetchLog fetches, String... args) {
        List<String> command = new ArrayList<>(List.of(
                NodeClients.bin("mcp-inspector").toString(),
                "--cli",
                url,
                "--transport",
                "http",
                "--protocol-era",
                era));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(fetches.env());
        env.put("HOME", home.toString());
        return NodeClients.node(
                "inspector-" + era + "-" + args[1].replace('/', '-'),
                command,
                env,
                it.logDir(),
                Duration.ofSeconds(90));
    }

    private static Processes.Result inspector(String target, String... args) {
        List<String> command = new ArrayList<>(
                List.of(NodeClients.bin("mcp-inspector").toString(), "--cli", target, "--transport", "http"));
        command.addAll(List.of(args));
        return NodeClients.node(
                "inspector", command, Map.of("HOME", home.toString()), it.logDir(), Duration.ofSeconds(90));
    }
}

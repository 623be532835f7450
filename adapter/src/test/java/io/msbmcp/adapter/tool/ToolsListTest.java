package io.msbmcp.adapter.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** tools/list: the five tools with titles, descriptions, schemas and annotations. */
@Timeout(30)
final class ToolsListTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static TestServer server;
    private static Map<String, JsonNode> tools;

    @BeforeAll
    static void start() {
        Backend.healthy(backend);
        server = TestServer.start(backend);
        JsonNode response = server.http()
                .post("/mcp", server.http().request("tools/list", Map.of()), "Content-Type", "application/json")
                .json();
        tools = new HashMap<>();
        response.get("result")
                .get("tools")
                .forEach(tool -> tools.put(tool.get("name").asText(), tool));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void toolsList_showsTheEightTools() {
        assertThat(tools)
                .containsOnlyKeys(
                        "execute_code",
                        "execute_command",
                        "get_sessions",
                        "stop_session",
                        "get_volume_path",
                        "upload_file",
                        "download_file",
                        "list_files");
        assertThat(server.server().toolNames())
                .containsExactly(
                        "execute_code",
                        "execute_command",
                        "get_sessions",
                        "stop_session",
                        "get_volume_path",
                        "upload_file",
                        "download_file",
                        "list_files");
    }

    @Test
    void everyTool_hasTitleDescriptionSchemasAndAnnotations() {
        tools.values().forEach(tool -> {
            assertThat(tool.get("title").asText()).isNotBlank();
            assertThat(tool.get("description").asText()).hasSizeGreaterThan(40);
            assertThat(tool.get("inputSchema").get("type").asText()).isEqualTo("object");
            assertThat(tool.get("inputSchema").get("additionalProperties").asBoolean())
                    .isFalse();
            assertThat(tool.get("outputSchema").get("type").asText()).isEqualTo("object");
            assertThat(tool.get("annotations").has("readOnlyHint")).isTrue();
        });
    }

    @Test
    void executeCode_inputSchema_hasTypesEnumsRangesAndPattern() {
        JsonNode schema = tools.get("execute_code").get("inputSchema");
        JsonNode properties = schema.get("properties");

        assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("code");
        assertThat(properties.get("code").get("type").asText()).isEqualTo("string");
        assertThat(properties.get("template").get("enum"))
                .extracting(JsonNode::asText)
                .containsExactly("python", "node");
        assertThat(properties.get("flavor").get("enum"))
                .extracting(JsonNode::asText)
                .containsExactly("small", "medium", "large");
        assertThat(properties.get("flavor").get("default").asText()).isEqualTo("small");
        assertThat(properties.get("timeout").get("type").asText()).isEqualTo("integer");
        assertThat(properties.get("timeout").get("minimum").asInt()).isEqualTo(1);
        assertThat(properties.get("timeout").get("maximum").asInt()).isEqualTo(3600);
        assertThat(properties.get("timeout").get("default").asInt()).isEqualTo(300);
        assertThat(properties.get("session_id").get("pattern").asText()).isEqualTo("^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$");
        assertThat(properties.get("dependencies").get("items").get("type").asText())
                .isEqualTo("string");
    }

    @Test
    void executeCommand_inputSchema_hasCommandWorkdirAndEnv() {
        JsonNode properties = tools.get("execute_command").get("inputSchema").get("properties");

        assertThat(properties.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "command", "template", "session_id", "flavor", "timeout", "workdir", "env", "collect_files");
        assertThat(properties.get("env").get("additionalProperties").get("type").asText())
                .isEqualTo("string");
        assertThat(tools.get("execute_command")
                        .get("outputSchema")
                        .get("properties")
                        .get("exit_code")
                        .get("type"))
                .extracting(JsonNode::asText)
                .containsExactly("integer", "null");
    }

    @Test
    void outputSchemas_requireTheSpecFields() {
        assertThat(required("execute_code"))
                .contains(
                        "session_id",
                        "session_created",
                        "template",
                        "flavor",
                        "stdout",
                        "stderr",
                        "success",
                        "execution_time_ms",
                        "truncated",
                        "timed_out",
                        "session_reset");
        assertThat(required("execute_command"))
                .contains("session_id", "session_created", "command", "exit_code", "success", "truncated");
        assertThat(required("get_sessions")).containsExactly("sessions");
        assertThat(required("stop_session")).containsExactly("session_id", "stopped");
        assertThat(required("get_volume_path")).containsExactly("volume_mappings");
    }

    @Test
    void annotations_markReadOnlyAndDestructiveTools() {
        assertThat(hint("get_sessions", "readOnlyHint")).isTrue();
        assertThat(hint("get_volume_path", "readOnlyHint")).isTrue();
        assertThat(hint("stop_session", "destructiveHint")).isTrue();
        assertThat(hint("stop_session", "readOnlyHint")).isFalse();
        assertThat(hint("execute_code", "readOnlyHint")).isFalse();
        assertThat(hint("execute_code", "openWorldHint")).isTrue();
        assertThat(hint("get_sessions", "openWorldHint")).isFalse();
    }

    private static List<String> required(String tool) {
        return toList(tools.get(tool).get("outputSchema").get("required"));
    }

    private static List<String> toList(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static boolean hint(String tool, String name) {
        return tools.get(tool).get("annotations").get(name).asBoolean();
    }
}

package io.msbmcp.adapter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.adapter.testing.Http;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every malformed request of issue 8 gets an answer (never silence, 500, INTERNAL_ERROR or a Java class name), inside
 * an MCP session and outside one: a 400 whose JSON-RPC envelope names what is wrong.
 */
@org.junit.jupiter.api.Timeout(30)
final class MalformedRequestsTest {
    private static EngineServer server;
    private static Http http;
    private static String session;

    @BeforeAll
    static void start() throws Exception {
        server = new EngineServer(Duration.ofSeconds(10));
        http = server.http();
        Http.Response init = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                "Content-Type",
                "application/json");
        session = init.header("Mcp-Session-Id");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Http.Response post(String body, boolean inSession, String... more) {
        String[] base = inSession
                ? new String[] {
                    "Content-Type", "application/json",
                    "Accept", "application/json, text/event-stream",
                    "Mcp-Session-Id", session
                }
                : new String[] {"Content-Type", "application/json"};
        String[] headers = new String[base.length + more.length];
        System.arraycopy(base, 0, headers, 0, base.length);
        System.arraycopy(more, 0, headers, base.length, more.length);
        return http.post("/mcp", body, headers);
    }

    /** Asserts a 400 envelope with {@code code}, the given id, and a message containing {@code words}. */
    private static JsonNode assertRejected(Http.Response response, int code, @Nullable Object id, String words) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).doesNotContain("io.", "java.", "Exception", "McpSchema", "-32603");
        JsonNode json = response.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("jsonrpc", "id", "error");
        if (id == null) {
            assertThat(json.get("id").isNull()).isTrue();
        } else {
            assertThat(json.get("id").asText()).isEqualTo(id.toString());
        }
        assertThat(json.get("error").get("code").asInt()).isEqualTo(code);
        assertThat(json.get("error").get("message").asText()).contains(words);
        return json;
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "[1]", "\"x\"", "3", "true"})
    void toolsCall_paramsNotAnObject_answers400NamingParams(String params) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":" + params + "}";

        for (boolean inSession : new boolean[] {true, false}) {
            assertRejected(post(body, inSession), -32602, 1, "\"params\" of tools/call must be an object");
        }
    }

    @Test
    void toolsCall_paramsMissing_answers400NamingName() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\"}";

        for (boolean inSession : new boolean[] {true, false}) {
            assertRejected(post(body, inSession), -32602, 2, "params.name");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"x\"", "7", "true"})
    void toolsCall_argumentsNotAnObject_answers400NamingArguments(String arguments) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\","
                + "\"arguments\":" + arguments + "}}";

        for (boolean inSession : new boolean[] {true, false}) {
            assertRejected(post(body, inSession), -32602, 3, "\"params.arguments\" of tools/call must be an object");
        }
    }

    @Test
    void metaNotAnObject_answers400NamingMeta() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{\"_meta\":\"x\"}}";

        for (boolean inSession : new boolean[] {true, false}) {
            assertRejected(post(body, inSession), -32602, 4, "\"params._meta\" must be an object");
        }
    }

    @Test
    void resourcesRead_withoutParams_answers400NamingUri() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/read\"}";

        for (boolean inSession : new boolean[] {true, false}) {
            assertRejected(post(body, inSession), -32602, 5, "params.uri");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "true", "1.5", "[1]", "{\"a\":1}"})
    void badId_answers400NamingId(String id) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\",\"params\":{}}";

        for (boolean inSession : new boolean[] {true, false}) {
            assertRejected(post(body, inSession), -32600, null, "\"id\" must be a string or an integer");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[\"tools/list\"]", "3", "\"\""})
    void badMethod_answers400NamingMethod(String method) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":" + method + "}";

        for (boolean inSession : new boolean[] {true, false}) {
            assertRejected(post(body, inSession), -32600, 6, "\"method\" must be a non-empty string");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"garbage\"",
                "[1,2]",
                "{\"protocolVersion\":7}",
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":\"x\"}",
                "{\"clientInfo\":{}}"
            })
    void initialize_withGarbageParams_answers400AndCreatesNoSession(String params) {
        Http.Response response =
                post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":" + params + "}", false);

        assertRejected(response, -32602, 7, "params");
        assertThat(response.header("Mcp-Session-Id")).isNull();
    }

    @Test
    void initialize_withoutParams_answers400() {
        Http.Response response = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\"}", false);

        assertRejected(response, -32602, 7, "initialize needs params");
    }

    @Test
    void clientResponseObject_isIgnoredWith202() {
        for (boolean inSession : new boolean[] {true, false}) {
            Http.Response response = post("{\"jsonrpc\":\"2.0\",\"id\":77,\"result\":{}}", inSession);

            assertThat(response.status()).isEqualTo(202);
            assertThat(response.body()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999-99-99", "not-a-version", "2025-13-01"})
    void unsupportedProtocolVersionHeader_answers400(String version) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\",\"params\":{}}";

        for (boolean inSession : new boolean[] {true, false}) {
            assertRejected(
                    post(body, inSession, "MCP-Protocol-Version", version),
                    -32600,
                    8,
                    "unsupported MCP-Protocol-Version");
        }
    }

    @Test
    void twoObjectsInOneBody_answers400() {
        String one = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\",\"params\":{}}";

        for (boolean inSession : new boolean[] {true, false}) {
            assertRejected(post(one + one, inSession), -32700, null, "more than one JSON value");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {" garbage", "}", " 1", "\n{}"})
    void trailingBytes_answer400(String trailing) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/list\",\"params\":{}}" + trailing;

        for (boolean inSession : new boolean[] {true, false}) {
            Http.Response response = post(body, inSession);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("error").get("code").asInt()).isEqualTo(-32700);
        }
    }

    @Test
    void duplicateKeys_answer400NamingTheKey() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":11,\"id\":12,\"method\":\"tools/list\"}";

        assertRejected(post(body, false), -32700, null, "duplicate key 'id'");
    }

    @Test
    void duplicateNestedKey_answer400NamingTheKey() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"get_volume_path\",\"arguments\":{\"a\":1,\"b\":{\"c\":1,\"c\":2}}}}";

        Http.Response response = post(body, false);

        assertRejected(response, -32700, null, "duplicate key 'c'");
        assertThat(response.json().get("error").get("message").asText())
                .doesNotContain("ObjectNode", "DeserializationFeature");
    }

    @Test
    void progressTokenNotAStringOrInteger_answers400() {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\","
                + "\"_meta\":{\"progressToken\":{}}}}";

        assertRejected(post(body, false), -32602, 13, "progressToken");
    }

    @Test
    void unknownTool_inSession_isAJsonRpcErrorNamingTheTools() {
        Http.Response response =
                post("{\"jsonrpc\":\"2.0\",\"id\":14,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}", true);

        assertThat(response.status()).isEqualTo(200);
        JsonNode error = response.sseData().get(0).get("error");
        assertThat(error.get("code").asInt()).isEqualTo(-32602);
        assertThat(error.get("data").toString()).contains("the tools are wait");
    }
}

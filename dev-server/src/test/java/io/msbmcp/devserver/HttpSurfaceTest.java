package io.msbmcp.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
final class HttpSurfaceTest {
    @RegisterExtension
    static final RunningDevServer dev = new RunningDevServer(builder -> builder.isolation(IsolationMode.NONE));

    @Test
    void health_get_answersFixedMessage() {
        RpcClient.Answer answer = dev.client().send("GET", "/api/v1/health", null, null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"message\":\"Service is healthy\"}");
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header(io.msbmcp.devserver.http.ApiHandler.ISOLATION_HEADER))
                .startsWith("none");
    }

    @Test
    void health_post_is405() {
        RpcClient.Answer answer = dev.client().send("POST", "/api/v1/health", "application/json", "{}");

        assertThat(answer.status()).isEqualTo(405);
    }

    @Test
    void unknownPath_any_is404WithEmptyBody() {
        RpcClient.Answer answer = dev.client().send("GET", "/api/v1/nothing", null, null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEmpty();
        assertThat(dev.client().send("POST", "/mcp", "application/json", "{}").status())
                .isEqualTo(404);
    }

    @Test
    void rpc_get_is405() {
        RpcClient.Answer answer = dev.client().send("GET", "/api/v1/rpc", null, null);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("POST");
    }

    @Test
    void rpc_textContentType_is415PlainText() {
        RpcClient.Answer answer = dev.client()
                .send("POST", "/api/v1/rpc", "text/plain", "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":1}");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        assertThat(answer.body()).contains("Content-Type: application/json");
    }

    @Test
    void rpc_noContentType_is415() {
        RpcClient.Answer answer = dev.client().send("POST", "/api/v1/rpc", null, "{}");

        assertThat(answer.status()).isEqualTo(415);
    }

    @Test
    void rpc_jsonWithCharset_isAccepted() {
        RpcClient.Answer answer = dev.client()
                .send(
                        "POST",
                        "/api/v1/rpc",
                        "application/json; charset=utf-8",
                        "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}");

        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void rpc_malformedJson_is400PlainText() {
        RpcClient.Answer answer = dev.client().postJson("{\"jsonrpc\":");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        assertThat(answer.body()).startsWith("Failed to parse the request body as JSON");
    }

    @Test
    void rpc_emptyBody_is400() {
        assertThat(dev.client().postJson("").status()).isEqualTo(400);
    }

    @Test
    void rpc_missingMethod_is422PlainText() {
        RpcClient.Answer answer = dev.client().postJson("{\"jsonrpc\":\"2.0\",\"id\":1}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        assertThat(answer.body()).contains("missing field `method`");
    }

    @Test
    void rpc_missingJsonrpc_is422() {
        assertThat(dev.client()
                        .postJson("{\"method\":\"sandbox.stop\",\"id\":1}")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void rpc_batch_is422() {
        RpcClient.Answer answer = dev.client().postJson("[{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.stop\",\"id\":1}]");

        assertThat(answer.status()).isEqualTo(422);
    }

    @Test
    void rpc_methodNotAString_is422() {
        assertThat(dev.client().postJson("{\"jsonrpc\":\"2.0\",\"method\":5}").status())
                .isEqualTo(422);
    }

    @Test
    void rpc_bodyOverTwoMebibytes_isReadToItsEndAndTheConnectionServesTheNextRequest() throws Exception {
        URI base = dev.server().baseUrl();
        byte[] big = ("{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.repl.run\",\"params\":{\"code\":\""
                        + "x".repeat(2 * 1024 * 1024) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/rpc HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: ";

        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + big.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(big);
            out.flush();
            InputStream in = socket.getInputStream();
            String first = readResponseHead(in);
            in.readNBytes(contentLength(first));
            out.write((head + "0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String second = readResponseHead(in);

            assertThat(first).startsWith("HTTP/1.1 413 ").doesNotContainIgnoringCase("Connection: close");
            assertThat(second).startsWith("HTTP/1.1 400 "); // the empty body, answered on the same connection
        }
    }

    private static String readResponseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b == -1) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Test
    void rpc_bodyOverTwoMebibytes_is413() {
        String code = "x".repeat(2 * 1024 * 1024);

        RpcClient.Answer answer = dev.client()
                .postJson(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.repl.run\",\"params\":{\"code\":\"" + code + "\"}}");

        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void rpc_wrongJsonrpcVersion_is400JsonRpcError() {
        RpcClient.Answer answer = dev.client().postJson("{\"jsonrpc\":\"1.0\",\"method\":\"sandbox.stop\",\"id\":7}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json())
                .isEqualTo(RpcClient.MAPPER.valueToTree(Map.of(
                        "jsonrpc",
                        "2.0",
                        "error",
                        Map.of("code", -32600, "message", "Invalid or missing jsonrpc version field"),
                        "id",
                        7)));
    }

    @Test
    void rpc_unknownMethod_is404JsonRpcError() {
        RpcClient.Answer answer =
                dev.client().postJson("{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.nope\",\"id\":\"a\"}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(answer.json().get("error").get("message").asText()).isEqualTo("Method not found: sandbox.nope");
        assertThat(answer.json().get("id").asText()).isEqualTo("a");
    }

    @Test
    void rpc_oldMethodNames_are404MethodNotFound() {
        for (String old : new String[] {"sandbox.getStatus", "sandbox.command.execute"}) {
            RpcClient.Answer answer = dev.client().call(old, Map.of("namespace", "default"));

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().get("error").get("message").asText()).isEqualTo("Method not found: " + old);
        }
    }

    @Test
    void rpc_noId_answersWithoutIdMember() {
        RpcClient.Answer answer = dev.client()
                .postJson("{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.metrics.get\",\"params\":{\"namespace\":\"*\"}}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().has("id")).isFalse();
        assertThat(answer.json().has("error")).isFalse();
        assertThat(answer.result().get("sandboxes").isArray()).isTrue();
    }

    @Test
    void rpc_nullId_answersWithoutIdMember() {
        RpcClient.Answer answer =
                dev.client().postJson("{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.nope\",\"id\":null}");

        assertThat(answer.json().has("id")).isFalse();
    }

    @Test
    void rpc_numericId_isEchoed() {
        RpcClient.Answer answer = dev.client()
                .postJson(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.metrics.get\",\"params\":{\"namespace\":\"*\"},\"id\":42}");

        assertThat(answer.json().get("id").asInt()).isEqualTo(42);
    }
}

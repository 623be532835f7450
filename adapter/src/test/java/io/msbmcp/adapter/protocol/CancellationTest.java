package io.msbmcp.adapter.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.RawHttp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine fires a call's cancellation when the client gives up: a 2025 {@code notifications/cancelled} in its MCP
 * session, a closed SSE answer, a dropped plain-JSON connection (real sockets, really closed); and then sends nothing
 * more for that request.
 */
@Timeout(30)
final class CancellationTest {
    private static EngineServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = new EngineServer(Duration.ofSeconds(10));
        http = server.http();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String initialize() {
        Http.Response response = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                "Content-Type",
                "application/json",
                "Accept",
                "application/json, text/event-stream");
        assertThat(response.status()).isEqualTo(200);
        return response.header("Mcp-Session-Id");
    }

    @Test
    void notificationsCancelled_inTheSession_firesTheRunningCallAndSendsNoResult() throws Exception {
        String session = initialize();
        String[] headers = {
            "Content-Type", "application/json",
            "Accept", "application/json, text/event-stream",
            "Mcp-Session-Id", session,
            "MCP-Protocol-Version", "2025-11-25"
        };
        CompletableFuture<Http.Response> call = http.sendAsync(
                "POST",
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":\"call-7\",\"method\":\"tools/call\",\"params\":{\"name\":\"wait\","
                        + "\"arguments\":{\"tag\":\"a\"}}}",
                headers);
        server.awaitStarted("a");

        Http.Response cancel = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"call-7\","
                        + "\"reason\":\"user pressed stop\"}}",
                headers);

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(server.awaitSeen("a").cancelReason()).isEqualTo("cancelled by the client: user pressed stop");
        Http.Response answer = call.get(10, TimeUnit.SECONDS);
        assertThat(answer.body()).doesNotContain("result").doesNotContain("\"id\"");
    }

    @Test
    void notificationsCancelled_fromAnotherSession_firesNothing() throws Exception {
        String owner = initialize();
        String other = initialize();
        CompletableFuture<Http.Response> call = http.sendAsync(
                "POST",
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\","
                        + "\"arguments\":{\"seconds\":2,\"tag\":\"b\"}}}",
                "Content-Type",
                "application/json",
                "Accept",
                "application/json, text/event-stream",
                "Mcp-Session-Id",
                owner);
        server.awaitStarted("b");

        http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":8}}",
                "Content-Type",
                "application/json",
                "Mcp-Session-Id",
                other);

        assertThat(server.awaitSeen("b").cancelReason()).isEmpty();
        assertThat(call.get(10, TimeUnit.SECONDS).sseData().get(0).has("result"))
                .isTrue();
    }

    @Test
    void closedSseAnswer_firesTheCancellation() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\","
                + "\"arguments\":{\"tag\":\"c\"},\"_meta\":{\"progressToken\":\"p-9\"}}}";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.curlRequest(
                            "POST",
                            server.port(),
                            "/mcp",
                            "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n",
                            body)
                    .replace("Connection: close\r\n", "")
                    .getBytes(UTF_8));
            out.flush();
            assertThat(readUntil(socket.getInputStream(), "notifications/progress"))
                    .contains("X-Accel-Buffering: no");
        }

        EngineServer.Seen seen = server.awaitSeen("c");

        assertThat(seen.cancelReason()).isEqualTo("the client closed the response stream");
    }

    @Test
    void droppedPlainJsonConnection_firesTheCancellation() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\","
                + "\"arguments\":{\"tag\":\"d\"}}}";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.curlRequest("POST", server.port(), "/mcp", "Content-Type: application/json\r\n", body)
                    .replace("Connection: close\r\n", "")
                    .getBytes(UTF_8));
            out.flush();
            server.awaitStarted("d");
        }

        EngineServer.Seen seen = server.awaitSeen("d");

        assertThat(seen.cancelReason()).isEqualTo("the client disconnected");
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!text.toString().contains(marker)) {
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            text.append(new String(buffer, 0, read, UTF_8));
        }
        return text.toString();
    }
}

package io.msbmcp.adapter.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.RawHttp;
import io.msbmcp.adapter.testing.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bodies read without a thread, the body deadline, and the HTTP-level refusals, all as JSON-RPC envelopes. */
@Timeout(60)
final class SlowClientsTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{}}";
    private static TestServer server;

    @BeforeAll
    static void start() {
        Backend.healthy(backend);
        server = TestServer.start(
                backend.baseUrl(),
                s -> s.requestBodyTimeout(Duration.ofSeconds(1)).maxThreads(16),
                w -> w);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String head(String headers) {
        return "POST /mcp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + headers;
    }

    @Test
    void stalledBody_answers408EnvelopeAndCloses() throws Exception {
        RawHttp.Response response = RawHttp.send(
                server.port(), head("Content-Length: 90\r\n\r\n") + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\"");

        assertThat(response.status()).isEqualTo(408);
        assertThat(response.header("Connection")).isEqualTo("close");
        JsonNode json = Http.JSON.readTree(response.body());
        assertThat(json.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(json.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(json.path("error").path("message").asText()).contains("did not arrive within 1 s");
    }

    @Test
    void moreSlowBodiesThanThreads_normalRequestIsStillServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) { // more than the 16 threads of this server
                Socket socket = new Socket("127.0.0.1", server.port());
                OutputStream out = socket.getOutputStream();
                out.write((head("Content-Length: 1000\r\n\r\n") + "{").getBytes(UTF_8));
                out.flush();
                slow.add(socket);
            }

            Http.Response response = server.http().post("/mcp", TOOLS_LIST, "Content-Type", "application/json");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().path("result").path("tools").size()).isPositive();
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void chunkedBody_isReadWhole() throws Exception {
        String first = TOOLS_LIST.substring(0, 20);
        String rest = TOOLS_LIST.substring(20);
        RawHttp.Response response = RawHttp.send(
                server.port(),
                head("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                        + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n"
                        + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(Http.JSON.readTree(response.body()).path("id").asInt()).isEqualTo(7);
    }

    @Test
    void unsupportedTransferCoding_answers501Envelope() throws Exception {
        RawHttp.Response response = RawHttp.send(
                server.port(), head("Transfer-Encoding: gzip, chunked\r\n\r\n") + "5\r\nhello\r\n0\r\n\r\n");

        assertThat(response.status()).isEqualTo(501);
        assertThat(Http.JSON
                        .readTree(response.body())
                        .path("error")
                        .path("message")
                        .asText())
                .contains("Transfer-Encoding");
    }

    @Test
    void http2Preface_answers426Envelope() throws Exception {
        RawHttp.Response response = RawHttp.send(server.port(), "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

        assertThat(response.status()).isEqualTo(426);
        assertThat(Http.JSON.readTree(response.body()).path("jsonrpc").asText()).isEqualTo("2.0");
    }

    @Test
    void unknownHttpVersion_answers505Envelope() throws Exception {
        RawHttp.Response response = RawHttp.send(server.port(), "GET /mcp HTTP/3.0\r\nHost: localhost\r\n\r\n");

        assertThat(response.status()).isEqualTo(505);
        assertThat(Http.JSON.readTree(response.body()).path("error").has("code"))
                .isTrue();
    }
}

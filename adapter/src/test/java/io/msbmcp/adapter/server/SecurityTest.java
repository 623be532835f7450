package io.msbmcp.adapter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.RawHttp;
import io.msbmcp.adapter.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DNS-rebinding protection (Host, Origin) and the optional bearer token on /mcp. */
@Timeout(30)
final class SecurityTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}";
    private static final String TOKEN = "s3cret-token-0123456789";

    static RawHttp.Response post(int port, String host, String extraHeaders) throws Exception {
        return RawHttp.send(
                port,
                "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n" + extraHeaders
                        + "Content-Length: " + TOOLS_LIST.length() + "\r\nConnection: close\r\n\r\n" + TOOLS_LIST);
    }

    @Nested
    final class DefaultSettings {
        private static TestServer server;

        @BeforeAll
        static void start() {
            Backend.healthy(backend);
            server = TestServer.start(backend.baseUrl(), s -> s.allowedHosts(List.of("mcp.example.com")), w -> w);
        }

        @AfterAll
        static void stop() {
            server.close();
        }

        @ParameterizedTest
        @ValueSource(strings = {"localhost", "localhost:1234", "127.0.0.1", "127.0.0.1:9", "[::1]", "[::1]:8000"})
        void loopbackHost_isServed(String host) throws Exception {
            assertThat(post(server.port(), host, "").status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"mcp.example.com", "MCP.example.com:443"})
        void allowedHost_isServed(String host) throws Exception {
            assertThat(post(server.port(), host, "").status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"evil.example.com", "evil.example.com:8000", "127.0.0.2", "localhost.evil.com"})
        void foreignHost_isRefusedWith421Envelope(String host) throws Exception {
            RawHttp.Response response = post(server.port(), host, "");

            assertThat(response.status()).isEqualTo(421);
            JsonNode json = Http.JSON.readTree(response.body());
            assertThat(json.get("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(json.get("error").get("message").asText()).contains("not allowed");
        }

        @Test
        void foreignOrigin_withCorsOff_isRefusedWith403() throws Exception {
            RawHttp.Response response = post(server.port(), "localhost", "Origin: http://evil.example.com\r\n");

            assertThat(response.status()).isEqualTo(403);
            assertThat(Http.JSON
                            .readTree(response.body())
                            .get("error")
                            .get("code")
                            .asInt())
                    .isEqualTo(-32600);
        }

        @Test
        void localOrigin_withCorsOff_isServed() throws Exception {
            assertThat(post(server.port(), "localhost", "Origin: http://localhost:3000\r\n")
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void noToken_configured_needsNoAuthorization() throws Exception {
            assertThat(post(server.port(), "localhost", "").status()).isEqualTo(200);
        }

        @Test
        void health_withForeignHost_isStillServed() throws Exception {
            RawHttp.Response response = RawHttp.send(
                    server.port(), "GET /health HTTP/1.1\r\nHost: 10.0.0.5:8000\r\nConnection: close\r\n\r\n");

            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Nested
    final class WithToken {
        private static TestServer server;

        @BeforeAll
        static void start() {
            Backend.healthy(backend);
            server = TestServer.start(backend.baseUrl(), s -> s.authToken(TOKEN), w -> w);
        }

        @AfterAll
        static void stop() {
            server.close();
        }

        @Test
        void missingToken_answers401WithChallenge() throws Exception {
            RawHttp.Response response = post(server.port(), "localhost", "");

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            JsonNode json = Http.JSON.readTree(response.body());
            assertThat(json.get("error").get("code").asInt()).isEqualTo(-32001);
            assertThat(response.body()).doesNotContain(TOKEN);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Bearer wrong", "Bearer " + TOKEN + "x", "Basic " + TOKEN, TOKEN, "Bearer "})
        void wrongToken_answers401(String authorization) throws Exception {
            RawHttp.Response response = post(server.port(), "localhost", "Authorization: " + authorization + "\r\n");

            assertThat(response.status()).isEqualTo(401);
        }

        @Test
        void rightToken_isServed() throws Exception {
            RawHttp.Response response = post(server.port(), "localhost", "Authorization: Bearer " + TOKEN + "\r\n");

            assertThat(response.status()).isEqualTo(200);
        }

        @Test
        void schemeIsCaseInsensitive() throws Exception {
            assertThat(post(server.port(), "localhost", "Authorization: bearer " + TOKEN + "\r\n")
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void health_needsNoToken() {
            assertThat(server.http().get("/health").status()).isEqualTo(200);
        }

        @Test
        void foreignHost_isRefusedBeforeAuth() throws Exception {
            assertThat(post(server.port(), "evil.example.com", "").status()).isEqualTo(421);
        }
    }
}

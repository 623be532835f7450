package io.msbmcp.adapter.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.TestServer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CORS through Jetty's CrossOriginHandler: off by default, on with MCP_ENABLE_CORS / --enable-cors. */
@Timeout(30)
final class CorsTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static final String ORIGIN = "http://localhost:3000";

    static Http.Response preflight(Http http, String origin) {
        return http.send(
                "OPTIONS",
                "/mcp",
                null,
                "Origin",
                origin,
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "content-type,mcp-session-id,mcp-protocol-version");
    }

    static Http.Response initialize(Http http, String origin) {
        return http.post(
                "/mcp",
                http.request(
                        "initialize",
                        Map.of(
                                "protocolVersion",
                                "2025-06-18",
                                "capabilities",
                                Map.of(),
                                "clientInfo",
                                Map.of("name", "browser", "version", "1"))),
                "Content-Type",
                "application/json",
                "Accept",
                "application/json, text/event-stream",
                "Origin",
                origin);
    }

    @Nested
    final class Enabled {
        private static TestServer server;

        @BeforeAll
        static void start() {
            Backend.healthy(backend);
            server = TestServer.start(backend.baseUrl(), s -> s.corsEnabled(true), w -> w);
        }

        @AfterAll
        static void stop() {
            server.close();
        }

        @Test
        void preflight_answersAllowedOriginMethodsAndHeaders() {
            Http.Response response = preflight(server.http(), ORIGIN);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            assertThat(response.header("Access-Control-Allow-Methods")).contains("POST", "DELETE");
            assertThat(List.of(response.header("Access-Control-Allow-Headers")
                            .toLowerCase(Locale.ROOT)
                            .split(",")))
                    .contains(
                            "content-type",
                            "accept",
                            "authorization",
                            "mcp-session-id",
                            "mcp-protocol-version",
                            "last-event-id");
            assertThat(response.header("Access-Control-Max-Age")).isEqualTo("600");
        }

        @Test
        void initialize_exposesSessionIdToBrowserCode() {
            Http.Response response = initialize(server.http(), ORIGIN);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            assertThat(response.header("Access-Control-Expose-Headers")).contains("Mcp-Session-Id");
            assertThat(response.header("Mcp-Session-Id")).isNotBlank();
        }
    }

    @Nested
    final class EnabledForOneOrigin {
        private static TestServer server;

        @BeforeAll
        static void start() {
            Backend.healthy(backend);
            server = TestServer.start(
                    backend.baseUrl(),
                    s -> s.corsEnabled(true).corsOrigins(List.of("https://app.example.com")),
                    w -> w);
        }

        @AfterAll
        static void stop() {
            server.close();
        }

        @Test
        void allowedOrigin_isServedWithCorsHeaders() {
            Http.Response response = initialize(server.http(), "https://app.example.com");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        }

        @Test
        void otherOrigin_isRefusedWith403() {
            Http.Response response = initialize(server.http(), "https://evil.example.com");

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().get("error").get("message").asText()).contains("MCP_CORS_ORIGINS");
            assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        }

        @Test
        void otherOrigin_preflightGetsNoAllowOrigin() {
            Http.Response response = preflight(server.http(), "https://evil.example.com");

            assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Nested
    final class Disabled {
        private static TestServer server;

        @BeforeAll
        static void start() {
            Backend.healthy(backend);
            server = TestServer.start(backend);
        }

        @AfterAll
        static void stop() {
            server.close();
        }

        @Test
        void preflight_getsNoCorsHeaders() {
            Http.Response response = preflight(server.http(), ORIGIN);

            assertThat(response.header("Access-Control-Allow-Origin")).isNull();
            assertThat(response.header("Access-Control-Allow-Methods")).isNull();
        }

        @Test
        void request_getsNoCorsHeaders() {
            Http.Response response = initialize(server.http(), ORIGIN);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
        }
    }
}

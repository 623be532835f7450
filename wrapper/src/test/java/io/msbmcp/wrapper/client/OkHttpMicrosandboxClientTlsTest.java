package io.msbmcp.wrapper.client;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.msbmcp.wrapper.client.Fixtures.HEALTH_PATH;
import static io.msbmcp.wrapper.client.Fixtures.NAMESPACE;
import static io.msbmcp.wrapper.client.Fixtures.TIMEOUTS;
import static io.msbmcp.wrapper.client.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.errors.ConnectionException;
import io.msbmcp.wrapper.config.WrapperConfig;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plain HTTP servers get a client without TLS; {@code https://} servers still get TLS. */
@Timeout(15)
final class OkHttpMicrosandboxClientTlsTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort())
            .build();

    @Test
    void connectionSpecs_httpServer_cleartextOnly() {
        assertThat(OkHttpMicrosandboxClient.connectionSpecs(HttpUrl.get("http://127.0.0.1:5555")))
                .containsExactly(ConnectionSpec.CLEARTEXT);
    }

    @Test
    void connectionSpecs_httpsServer_tlsFirst() {
        assertThat(OkHttpMicrosandboxClient.connectionSpecs(HttpUrl.get("https://msb.example:5555")))
                .first()
                .matches(ConnectionSpec::isTls);
    }

    @Test
    void health_httpServer_answered() {
        server.stubFor(WireMock.get(HEALTH_PATH).willReturn(json(200, "{\"message\":\"ok\"}")));
        try (OkHttpMicrosandboxClient client = client("http://localhost:" + server.getPort())) {
            client.health();
        }
    }

    @Test
    void health_httpsServerWithUntrustedCertificate_failsInTheTlsHandshake() {
        server.stubFor(WireMock.get(HEALTH_PATH).willReturn(json(200, "{\"message\":\"ok\"}")));
        String https = "https://localhost:" + server.getRuntimeInfo().getHttpsPort();
        try (OkHttpMicrosandboxClient client = client(https)) {
            assertThatThrownBy(client::health)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("TLS handshake failed")
                    .hasMessageNotContaining("sun.security");
        }
    }

    private static OkHttpMicrosandboxClient client(String url) {
        return new OkHttpMicrosandboxClient(
                WrapperConfig.builder().serverUrl(url).namespace(NAMESPACE).build(), TIMEOUTS);
    }
}

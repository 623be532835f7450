package io.msbmcp.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.errors.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
final class ServerConfigLoaderTest {
    @Test
    void from_empty_givesSpecDefaults() {
        ServerConfig config = ServerConfigLoader.from(Map.of());

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.corsEnabled()).isFalse();
        assertThat(config.corsOrigins()).containsExactly("*");
        assertThat(config.authToken()).isNull();
        assertThat(config.allowedHosts()).isEmpty();
        assertThat(config.maxRequestBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(config.logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void from_everyVariable_isRead() {
        ServerConfig config = ServerConfigLoader.from(Map.of(
                "MCP_SERVER_HOST", "0.0.0.0",
                "MCP_SERVER_PORT", "9000",
                "MCP_ENABLE_CORS", "TRUE",
                "MCP_CORS_ORIGINS", "http://localhost:3000, https://app.example.com/",
                "MCP_AUTH_TOKEN", "t0ken",
                "MCP_ALLOWED_HOSTS", "MCP.example.com, proxy:8443",
                "MCP_MAX_REQUEST_BYTES", "65536",
                "MCP_LOG_LEVEL", "warn",
                "MCP_LOG_FORMAT", "JSON",
                "MCP_SHUTDOWN_TIMEOUT", "5"));

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.corsEnabled()).isTrue();
        assertThat(config.corsOrigins()).containsExactly("http://localhost:3000", "https://app.example.com");
        assertThat(config.authToken()).isEqualTo("t0ken");
        assertThat(config.allowedHosts()).containsExactly("mcp.example.com", "proxy:8443");
        assertThat(config.maxRequestBytes()).isEqualTo(65536);
        assertThat(config.logLevel()).isEqualTo(LogLevel.WARNING);
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void from_blankVariable_countsAsUnset() {
        assertThat(ServerConfigLoader.from(Map.of("MCP_SERVER_PORT", "  ")).port())
                .isEqualTo(8000);
    }

    @Test
    void from_urlAsHost_namesTheVariable() {
        assertThatThrownBy(() -> ServerConfigLoader.from(Map.of("MCP_SERVER_HOST", "http://localhost")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MCP_SERVER_HOST")
                .hasMessageContaining("not a URL")
                .satisfies(
                        e -> assertThat(((ConfigurationException) e).variable()).isEqualTo("MCP_SERVER_HOST"));
    }

    @Test
    void from_tokenWithSpace_doesNotShowTheToken() {
        assertThatThrownBy(() -> ServerConfigLoader.from(Map.of("MCP_AUTH_TOKEN", "abc def")))
                .hasMessageContaining("MCP_AUTH_TOKEN")
                .hasMessageNotContaining("abc def");
    }

    @Test
    void from_badShutdownTimeout_namesTheVariable() {
        assertThatThrownBy(() -> ServerConfigLoader.from(Map.of("MCP_SHUTDOWN_TIMEOUT", "-1")))
                .hasMessageContaining("MCP_SHUTDOWN_TIMEOUT");
    }

    @Test
    void toString_hidesTheToken() {
        assertThat(ServerConfig.builder().authToken("very-secret").build().toString())
                .doesNotContain("very-secret");
    }
}

package io.msbmcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.adapter.ServerVersion;
import io.msbmcp.adapter.config.LogLevel;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: flags over the environment, one-line errors, exit codes. No server is started here. */
@Timeout(15)
final class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicReference<ServerConfig> server = new AtomicReference<>();
    private final AtomicReference<WrapperConfig> wrapper = new AtomicReference<>();

    private int run(Map<String, String> env, String... args) {
        return Cli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true), (s, w) -> {
            server.set(s);
            wrapper.set(w);
            return ExitCodes.OK;
        });
    }

    private String[] errLines() {
        return err.toString().lines().toArray(String[]::new);
    }

    @Test
    void badServerPort_exits2WithOneLineNamingIt() {
        int code = run(Map.of("MCP_SERVER_PORT", "eighty"));

        assertThat(code).isEqualTo(2);
        assertThat(errLines()).hasSize(1);
        assertThat(errLines()[0]).startsWith("msb-mcp: ").contains("MCP_SERVER_PORT", "eighty");
        assertThat(server.get()).isNull();
    }

    @Test
    void serverPortOutOfRange_exits2NamingIt() {
        assertThat(run(Map.of("MCP_SERVER_PORT", "70000"))).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().contains("MCP_SERVER_PORT", "65535");
    }

    @ParameterizedTest
    @CsvSource({
        "MSB_MAX_SESSIONS, zero",
        "MSB_SERVER_URL, ftp://x",
        "MCP_LOG_LEVEL, LOUD",
        "MCP_LOG_FORMAT, xml",
        "MCP_ENABLE_CORS, maybe",
        "MCP_MAX_REQUEST_BYTES, 10",
        "MCP_CORS_ORIGINS, localhost:3000",
        "MCP_ALLOWED_HOSTS, http://x.example.com"
    })
    void badVariable_exits2WithOneLineNamingIt(String variable, String value) {
        assertThat(run(Map.of(variable, value))).isEqualTo(2);
        assertThat(errLines())
                .singleElement()
                .asString()
                .startsWith("msb-mcp: ")
                .contains(variable);
    }

    @Test
    void badPortFlag_exits2NamingTheFlag() {
        assertThat(run(Map.of(), "--port", "abc")).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().contains("--port");
    }

    @Test
    void badLogLevelFlag_exits2NamingTheFlag() {
        assertThat(run(Map.of(), "--log-level", "TRACE")).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().contains("--log-level", "DEBUG, INFO, WARNING, ERROR");
    }

    @Test
    void unknownFlag_exits2WithOneLine() {
        assertThat(run(Map.of(), "--frobnicate")).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().contains("--frobnicate", "--help");
    }

    @Test
    void missingFlagValue_exits2WithOneLine() {
        assertThat(run(Map.of(), "--port")).isEqualTo(2);
        assertThat(errLines()).singleElement().asString().contains("--port");
    }

    @Test
    void help_printsUsageAndExits0() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "Usage: msb-mcp",
                        "--host",
                        "--port",
                        "--enable-cors",
                        "--log-level",
                        "--dev",
                        "--version",
                        "MCP_SERVER_PORT",
                        "MSB_SERVER_URL");
        assertThat(server.get()).isNull();
    }

    @Test
    void version_printsVersionAndExits0() {
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString().trim()).isEqualTo("msb-mcp " + ServerVersion.version());
        assertThat(ServerVersion.version()).isNotEqualTo("unknown");
    }

    @Test
    void defaults_whenNothingIsSet() {
        assertThat(run(Map.of())).isZero();
        assertThat(server.get().host()).isEqualTo("127.0.0.1");
        assertThat(server.get().port()).isEqualTo(8000);
        assertThat(server.get().corsEnabled()).isFalse();
        assertThat(server.get().logLevel()).isEqualTo(LogLevel.INFO);
        assertThat(wrapper.get().serverUrl().toString()).isEqualTo("http://127.0.0.1:5555");
    }

    @Test
    void flags_overrideTheEnvironment() {
        int code = run(
                Map.of(
                        "MCP_SERVER_HOST", "127.0.0.1",
                        "MCP_SERVER_PORT", "9000",
                        "MCP_LOG_LEVEL", "ERROR",
                        "MSB_NAMESPACE", "team-a"),
                "--host",
                "0.0.0.0",
                "--port",
                "9100",
                "--enable-cors",
                "--log-level",
                "warning");

        assertThat(code).isZero();
        assertThat(server.get().host()).isEqualTo("0.0.0.0");
        assertThat(server.get().port()).isEqualTo(9100);
        assertThat(server.get().corsEnabled()).isTrue();
        assertThat(server.get().logLevel()).isEqualTo(LogLevel.WARNING);
        assertThat(wrapper.get().namespace()).isEqualTo("team-a");
    }

    @Test
    void environmentAlone_isRead() {
        run(Map.of("MCP_ENABLE_CORS", "true", "MCP_CORS_ORIGINS", "http://a.example:*", "MCP_AUTH_TOKEN", "tok"));

        assertThat(server.get().corsEnabled()).isTrue();
        assertThat(server.get().corsOrigins()).containsExactly("http://a.example:*");
        assertThat(server.get().authToken()).isEqualTo("tok");
        assertThat(server.get().toString()).doesNotContain("tok,").contains("authToken=***");
    }

    @Test
    void portTaken_exits1WithOneLineAndTheCause() {
        int code = Cli.run(new String[0], Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), (s, w) -> {
            throw new java.io.IOException(
                    "Failed to bind to /127.0.0.1:8000", new java.net.BindException("Address already in use"));
        });

        assertThat(code).isEqualTo(1);
        assertThat(errLines())
                .singleElement()
                .asString()
                .isEqualTo("msb-mcp: Failed to bind to /127.0.0.1:8000: Address already in use");
    }

    @Test
    void help_linesFitEightyColumns() {
        run(Map.of(), "--help");

        assertThat(out.toString().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
    }

    @Test
    void runnerFailure_exits1WithOneLine() {
        int code = Cli.run(new String[0], Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), (s, w) -> {
            throw new IllegalStateException("port in use");
        });

        assertThat(code).isEqualTo(1);
        assertThat(errLines()).singleElement().asString().contains("port in use");
    }
}

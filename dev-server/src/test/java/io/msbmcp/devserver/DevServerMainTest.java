package io.msbmcp.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

final class DevServerMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new DevServerMain());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void main_help_printsUsageAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("--host", "--port", "--api-key-env", "--data-dir", "--no-isolation", "--version");
    }

    @Test
    void main_version_exitsZero() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("msb-dev-server");
    }

    @Test
    void main_unknownOption_isUsageErrorTwo() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("--bogus");
    }

    @Test
    void main_badPort_isUsageErrorTwo() {
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(run("--port", "abc")).isEqualTo(2);
    }

    @Test
    void main_apiKeyEnvUnset_isUsageErrorTwo() {
        assertThat(run("--api-key-env", "MSB_DEV_SERVER_TEST_SURELY_UNSET")).isEqualTo(2);
        assertThat(err.toString()).contains("MSB_DEV_SERVER_TEST_SURELY_UNSET");
    }

    @Test
    void main_contradictoryIsolation_isUsageErrorTwo() {
        assertThat(run("--no-isolation", "--require-isolation")).isEqualTo(2);
    }
}

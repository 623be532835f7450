package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code execute_command} end to end: a whole shell line ({@code sh -c}) with pipes, redirections, {@code &&} and
 * expansions, a working directory, environment variables, a non-zero exit as an {@code isError} result with its exit
 * code, and a command timeout.
 */
@Timeout(120)
final class CommandExecutionIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void executeCommand_pipesRedirectionAndAnd_runAsOneShellLine() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("sh-line");

        McpResponse response = mcp.callTool(
                "execute_command",
                Map.of(
                        "command",
                        "printf 'b\\na\\nc\\n' | sort > sorted.txt && wc -l < sorted.txt && cat sorted.txt | tr a-z A-Z"
                                + " && echo \"home=$HOME\" | grep -c home= ; false || echo recovered",
                        "session_id",
                        session));

        assertThat(response.isError()).as(response.raw()).isFalse();
        assertThat(response.structured().path("exit_code").asInt()).isZero();
        assertThat(response.structured().path("success").asBoolean()).isTrue();
        assertThat(response.structured().path("stdout").asText()).isEqualTo("3\nA\nB\nC\n1\nrecovered");
        McpResponse file = mcp.callTool("execute_command", Map.of("command", "cat sorted.txt", "session_id", session));
        assertThat(file.structured().path("stdout").asText()).isEqualTo("a\nb\nc");
        stop(session);
    }

    @Test
    void executeCommand_workdir_runsThere() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("sh-workdir");
        mcp.callTool("execute_command", Map.of("command", "mkdir -p /tmp/it-work/sub", "session_id", session));

        McpResponse response = mcp.callTool(
                "execute_command", Map.of("command", "pwd && ls", "workdir", "/tmp/it-work", "session_id", session));

        assertThat(response.isError()).as(response.raw()).isFalse();
        assertThat(response.structured().path("stdout").asText()).isEqualTo("/tmp/it-work\nsub");
        stop(session);
    }

    @Test
    void executeCommand_env_visibleToTheShellLine() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("sh-env");

        McpResponse response = mcp.callTool(
                "execute_command",
                Map.of(
                        "command",
                        "echo \"$GREETING, $TARGET\" && printenv GREETING",
                        "env",
                        Map.of("GREETING", "hello there", "TARGET", "sandbox"),
                        "session_id",
                        session));

        assertThat(response.isError()).as(response.raw()).isFalse();
        assertThat(response.structured().path("stdout").asText()).isEqualTo("hello there, sandbox\nhello there");
        McpResponse later = mcp.callTool(
                "execute_command", Map.of("command", "echo \"[${GREETING:-unset}]\"", "session_id", session));
        assertThat(later.structured().path("stdout").asText()).isEqualTo("[unset]");
        stop(session);
    }

    @Test
    void executeCommand_nonZeroExit_isErrorWithExitCodeAndStderr() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("sh-exit");

        McpResponse response = mcp.callTool(
                "execute_command",
                Map.of("command", "echo partial && echo 'it broke' >&2 && exit 3", "session_id", session));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isError()).as(response.raw()).isTrue();
        assertThat(response.structured().path("exit_code").asInt()).isEqualTo(3);
        assertThat(response.structured().path("success").asBoolean()).isFalse();
        assertThat(response.structured().path("stdout").asText()).isEqualTo("partial");
        assertThat(response.structured().path("stderr").asText()).isEqualTo("it broke");
        assertThat(response.text()).contains("exit code 3");
        McpResponse missing =
                mcp.callTool("execute_command", Map.of("command", "no-such-program-here", "session_id", session));
        assertThat(missing.isError()).as(missing.raw()).isTrue();
        assertThat(missing.structured().path("exit_code").asInt()).isEqualTo(127);
        stop(session);
    }

    @Test
    void executeCommand_timeout_isErrorAndSessionStillUsable() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("sh-timeout");

        long start = System.nanoTime();
        McpResponse response =
                mcp.callTool("execute_command", Map.of("command", "sleep 60", "timeout", 2, "session_id", session));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        McpResponse next = mcp.callTool("execute_command", Map.of("command", "echo still here", "session_id", session));

        assertThat(response.isError()).as(response.raw()).isTrue();
        assertThat(response.structured().path("timed_out").asBoolean()).isTrue();
        assertThat(response.structured().path("exit_code").isNull()).isTrue();
        assertThat(elapsed).isLessThan(Duration.ofSeconds(20));
        assertThat(next.structured().path("stdout").asText()).isEqualTo("still here");
        assertThat(next.structured().path("session_created").asBoolean()).isFalse();
        stop(session);
    }

    @Test
    void executeCommand_outputOverMaxOutputBytes_truncatedKeepingHeadAndTail() {
        String session = Sessions.newId("sh-flood");

        McpResponse response =
                it.shared().mcp().callTool("execute_command", Map.of("command", "seq 1 400000", "session_id", session));

        assertThat(response.isError()).as(response.raw().substring(0, 300)).isFalse();
        String stdout = response.structured().path("stdout").asText();
        assertThat(response.structured().path("truncated").asBoolean()).isTrue();
        assertThat(stdout.length()).isLessThanOrEqualTo(1024 * 1024);
        assertThat(stdout).startsWith("1\n2\n3\n").endsWith("399999\n400000");
        assertThat(response.text()).contains("truncated");
        stop(session);
    }

    private static void stop(String session) {
        McpResponse stopped = it.shared().mcp().callTool("stop_session", Map.of("session_id", session));
        assertThat(stopped.structured().path("stopped").asBoolean())
                .as(stopped.raw())
                .isTrue();
    }
}

package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interrupt before reset, end to end through the packaged adapter and dev server: a timed-out {@code execute_code} is
 * interrupted the way a notebook does it (SIGINT; Python's KeyboardInterrupt, Node's breakOnSigint), so the answer
 * comes within the timeout plus a few seconds and the session keeps its variables; a timed-out command's process
 * group is ended and the next command on that session runs at once. Prints the measured times.
 */
@Timeout(120)
final class InterruptIT {
    /** Timeout of the runs, and how much later than it the answer may come. */
    private static final int TIMEOUT_SECONDS = 2;

    private static final Duration SLACK = Duration.ofSeconds(5);

    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Test
    void executeCode_pythonInfiniteLoopTimesOut_interruptedStateKeptAndAnsweredInTime() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("py-loop");
        mcp.callTool("execute_code", Map.of("code", "kept = 41", "session_id", session));

        long start = System.nanoTime();
        McpResponse timedOut = mcp.callTool(
                "execute_code", Map.of("code", "while True: pass", "timeout", TIMEOUT_SECONDS, "session_id", session));
        Duration answered = since(start);
        start = System.nanoTime();
        McpResponse next = mcp.callTool("execute_code", Map.of("code", "print(kept + 1)", "session_id", session));
        Duration nextCall = since(start);
        System.out.printf(
                "[it] python loop, timeout %d s: answered in %d ms, next call %d ms%n",
                TIMEOUT_SECONDS, answered.toMillis(), nextCall.toMillis());

        assertThat(timedOut.isError()).as(timedOut.raw()).isTrue();
        assertThat(timedOut.structured().path("timed_out").asBoolean()).isTrue();
        assertThat(timedOut.structured().path("session_reset").asBoolean()).isFalse();
        assertThat(timedOut.structured().path("stderr").asText()).contains("KeyboardInterrupt");
        assertThat(timedOut.text()).contains("interrupted; the session's state is kept");
        assertThat(answered).isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS).plus(SLACK));
        assertThat(next.isError()).as(next.raw()).isFalse();
        assertThat(next.structured().path("stdout").asText()).isEqualTo("42");
        assertThat(next.structured().path("session_reset").asBoolean()).isFalse();
        assertThat(nextCall).isLessThan(SLACK);
        mcp.callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void executeCode_nodeSynchronousLoopTimesOut_interruptedStateKept() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("node-loop");
        mcp.callTool("execute_code", Map.of("code", "var kept = 41", "template", "node", "session_id", session));

        long start = System.nanoTime();
        McpResponse timedOut = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "while (true) {}",
                        "template",
                        "node",
                        "timeout",
                        TIMEOUT_SECONDS,
                        "session_id",
                        session));
        Duration answered = since(start);
        McpResponse next = mcp.callTool(
                "execute_code", Map.of("code", "console.log(kept + 1)", "template", "node", "session_id", session));
        System.out.printf("[it] node loop, timeout %d s: answered in %d ms%n", TIMEOUT_SECONDS, answered.toMillis());

        assertThat(timedOut.structured().path("timed_out").asBoolean())
                .as(timedOut.raw())
                .isTrue();
        assertThat(timedOut.structured().path("session_reset").asBoolean()).isFalse();
        assertThat(answered).isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS).plus(SLACK));
        assertThat(next.structured().path("stdout").asText()).as(next.raw()).isEqualTo("42");
        mcp.callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void executeCommand_sleepTimesOut_groupEndedAndNextCommandRunsAtOnce() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("sh-sleep");
        mcp.callTool("execute_command", Map.of("command", "echo kept > state.txt", "session_id", session));

        long start = System.nanoTime();
        McpResponse timedOut = mcp.callTool(
                "execute_command",
                Map.of("command", "echo started; sleep 30", "timeout", TIMEOUT_SECONDS, "session_id", session));
        Duration answered = since(start);
        start = System.nanoTime();
        McpResponse next = mcp.callTool(
                "execute_command",
                Map.of("command", "cat state.txt; ps -eo args | grep -c '[s]leep 30'", "session_id", session));
        Duration nextCall = since(start);
        System.out.printf(
                "[it] sleep 30, timeout %d s: answered in %d ms, next command %d ms%n",
                TIMEOUT_SECONDS, answered.toMillis(), nextCall.toMillis());

        assertThat(timedOut.structured().path("timed_out").asBoolean())
                .as(timedOut.raw())
                .isTrue();
        assertThat(timedOut.structured().path("session_reset").asBoolean()).isFalse();
        assertThat(timedOut.structured().path("exit_code").isNull()).isTrue();
        assertThat(timedOut.structured().path("stdout").asText()).isEqualTo("started");
        assertThat(answered).isLessThan(Duration.ofSeconds(TIMEOUT_SECONDS).plus(SLACK));
        assertThat(next.structured().path("stdout").asText()).as(next.raw()).isEqualTo("kept\n0");
        assertThat(nextCall).isLessThan(Duration.ofSeconds(3));
        mcp.callTool("stop_session", Map.of("session_id", session));
    }
}

package io.msbmcp.adapter.interrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.devserver.DevServer;
import io.msbmcp.devserver.DevServerConfig;
import io.msbmcp.errors.CodeExecutionException;
import io.msbmcp.errors.MsbException;
import io.msbmcp.wrapper.CodeExecutionResult;
import io.msbmcp.wrapper.CommandExecutionResult;
import io.msbmcp.wrapper.ExecuteCodeRequest;
import io.msbmcp.wrapper.ExecuteCommandRequest;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.Template;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.call.ProgressListener;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timeouts and cancellation of the wrapper against the real dev server (real python3 and node REPLs, commands in the
 * same process space): interrupted code keeps the session's variables and frees the session at once; a command's
 * process group is ended; code that ignores SIGINT leads to a restart that the next result reports. Prints the time from
 * the cancel (or the timeout) to a free session; asserts only generous bounds.
 */
@Timeout(120)
final class InterruptAgainstDevServerTest {
    private static DevServer dev;
    private static MicrosandboxWrapper wrapper;

    @BeforeAll
    static void start() throws Exception {
        dev = DevServer.start(DevServerConfig.builder().port(0).build());
        wrapper = MicrosandboxWrapper.create(WrapperConfig.builder()
                .serverUrl(dev.baseUrl())
                .namespace("interrupt")
                .build());
    }

    @AfterAll
    static void stop() {
        if (wrapper != null) {
            wrapper.close();
        }
        if (dev != null) {
            dev.close();
        }
    }

    private static CodeExecutionResult code(String session, Template template, String code, int timeoutSeconds) {
        return wrapper.executeCode(
                new ExecuteCodeRequest(code, template, session, null, Duration.ofSeconds(timeoutSeconds), List.of()));
    }

    private static CommandExecutionResult command(String session, String line, int timeoutSeconds) {
        return wrapper.executeCommand(new ExecuteCommandRequest(
                line, Template.PYTHON, session, null, Duration.ofSeconds(timeoutSeconds), null, Map.of()));
    }

    /** Runs {@code work} with a cancellation fired {@code after}; returns the ms from the cancel to the call's end. */
    private static long cancelAfter(Duration after, java.util.function.Consumer<CallContext> work) {
        Cancellation cancellation = new Cancellation();
        AtomicLong cancelledAt = new AtomicLong();
        CompletableFuture.delayedExecutor(after.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> {
                    cancelledAt.set(System.nanoTime());
                    cancellation.cancel("test cancels");
                });
        assertThatThrownBy(() -> work.accept(new CallContext("default", cancellation, ProgressListener.NONE)))
                .isInstanceOf(MsbException.class)
                .hasMessageContaining("cancelled");
        return (System.nanoTime() - cancelledAt.get()) / 1_000_000;
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Test
    void python_infiniteLoopTimesOut_isInterruptedAndKeepsVariables() {
        code("py-timeout", Template.PYTHON, "kept = 41", 30);

        long started = System.nanoTime();
        CodeExecutionResult result = code("py-timeout", Template.PYTHON, "while True: pass", 2);
        long tookMillis = millisSince(started);
        started = System.nanoTime();
        CodeExecutionResult next = code("py-timeout", Template.PYTHON, "print(kept + 1)", 30);
        System.out.printf(
                "[interrupt] python timeout 2 s: answered in %d ms, next call %d ms%n",
                tookMillis, millisSince(started));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.sessionReset()).isFalse();
        assertThat(result.stderr()).contains("KeyboardInterrupt");
        assertThat(tookMillis).isLessThan(2000 + 5000);
        assertThat(next.stdout()).isEqualTo("42");
        assertThat(next.sessionReset()).isFalse();
    }

    @Test
    void node_synchronousLoopTimesOut_isInterruptedAndKeepsVariables() {
        code("js-timeout", Template.NODE, "var kept = 41", 30);

        long started = System.nanoTime();
        CodeExecutionResult result = code("js-timeout", Template.NODE, "while (true) {}", 2);
        long tookMillis = millisSince(started);
        started = System.nanoTime();
        CodeExecutionResult next = code("js-timeout", Template.NODE, "console.log(kept + 1)", 30);
        System.out.printf(
                "[interrupt] node timeout 2 s: answered in %d ms, next call %d ms%n", tookMillis, millisSince(started));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.sessionReset()).isFalse();
        assertThat(result.stderr()).contains("Script execution was interrupted");
        assertThat(tookMillis).isLessThan(2000 + 5000);
        assertThat(next.stdout()).isEqualTo("42");
    }

    @Test
    void python_cancelledWhileSleeping_endsPromptlyAndKeepsVariables() {
        code("py-cancel", Template.PYTHON, "kept = 41", 30);

        long cancelToEnd = cancelAfter(
                Duration.ofSeconds(1),
                call -> wrapper.executeCode(
                        new ExecuteCodeRequest(
                                "import time\ntime.sleep(60)", Template.PYTHON, "py-cancel", null, null, List.of()),
                        call));
        long started = System.nanoTime();
        CodeExecutionResult next = code("py-cancel", Template.PYTHON, "print(kept + 1)", 30);
        System.out.printf(
                "[interrupt] python cancel: call ended %d ms after the cancel, next call %d ms%n",
                cancelToEnd, millisSince(started));

        assertThat(cancelToEnd).isLessThan(3000);
        assertThat(next.stdout()).isEqualTo("42");
        assertThat(next.sessionReset()).isFalse();
    }

    @Test
    void node_cancelledInLoop_endsPromptlyAndKeepsVariables() {
        code("js-cancel", Template.NODE, "var kept = 41", 30);

        long cancelToEnd = cancelAfter(
                Duration.ofSeconds(1),
                call -> wrapper.executeCode(
                        new ExecuteCodeRequest("for (;;) {}", Template.NODE, "js-cancel", null, null, List.of()),
                        call));
        CodeExecutionResult next = code("js-cancel", Template.NODE, "console.log(kept + 1)", 30);
        System.out.printf("[interrupt] node cancel: call ended %d ms after the cancel%n", cancelToEnd);

        assertThat(cancelToEnd).isLessThan(3000);
        assertThat(next.stdout()).isEqualTo("42");
    }

    @Test
    void command_sleepTimesOut_groupEndedAndNextCommandRunsAtOnce() {
        command("sh-timeout", "echo ready > state.txt", 30);

        long started = System.nanoTime();
        CommandExecutionResult result = command("sh-timeout", "echo start; sleep 30; echo never", 2);
        long tookMillis = millisSince(started);
        started = System.nanoTime();
        CommandExecutionResult next = command("sh-timeout", "cat state.txt; ps -eo args | grep -c '[s]leep 30'", 30);
        long nextMillis = millisSince(started);
        System.out.printf("[interrupt] command timeout 2 s: answered in %d ms, next %d ms%n", tookMillis, nextMillis);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.sessionReset()).isFalse();
        assertThat(result.stdout()).isEqualTo("start");
        assertThat(tookMillis).isLessThan(2000 + 5000);
        assertThat(next.stdout()).isEqualTo("ready\n0");
        assertThat(nextMillis).isLessThan(3000);
    }

    @Test
    void command_cancelled_groupEndedAndSessionFree() {
        command("sh-cancel", "true", 30);

        long cancelToEnd = cancelAfter(
                Duration.ofSeconds(1),
                call -> wrapper.executeCommand(
                        new ExecuteCommandRequest(
                                "sleep 30 & sleep 31; wait", Template.PYTHON, "sh-cancel", null, null, null, Map.of()),
                        call));
        CommandExecutionResult next = command("sh-cancel", "ps -eo args | grep -c '[s]leep 3'", 30);
        System.out.printf("[interrupt] command cancel: call ended %d ms after the cancel%n", cancelToEnd);

        assertThat(cancelToEnd).isLessThan(3000);
        assertThat(next.stdout()).isEqualTo("0");
        assertThat(next.sessionReset()).isFalse();
    }

    @Test
    void python_ignoresSigint_cancelRestartsSandboxAndNextResultSaysSo() {
        code("py-stubborn", Template.PYTHON, "kept = 41", 30);

        long cancelToEnd = cancelAfter(Duration.ofSeconds(1), call -> {
            try {
                wrapper.executeCode(
                        new ExecuteCodeRequest(
                                "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(60)",
                                Template.PYTHON,
                                "py-stubborn",
                                null,
                                null,
                                List.of()),
                        call);
            } catch (CodeExecutionException e) {
                assertThat(e.context()).containsEntry("state_kept", false);
                throw e;
            }
        });
        CodeExecutionResult next = code("py-stubborn", Template.PYTHON, "print('kept' in globals())", 30);
        System.out.printf("[interrupt] python ignoring SIGINT: restart after %d ms%n", cancelToEnd);

        assertThat(cancelToEnd).isBetween(2000L, 10_000L);
        assertThat(next.sessionReset()).isTrue();
        assertThat(next.stdout()).isEqualTo("False");
    }

    @Test
    void command_ignoresTerm_isKilledAndSessionKept() {
        long started = System.nanoTime();
        CommandExecutionResult result = command("sh-stubborn", "trap '' TERM; echo up; sleep 30", 2);
        System.out.printf("[interrupt] command ignoring TERM: answered in %d ms%n", millisSince(started));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.sessionReset()).isFalse();
        assertThat(result.stdout()).isEqualTo("up");
        assertThat(command("sh-stubborn", "ps -eo args | grep -c '[s]leep 30'", 30)
                        .stdout())
                .isEqualTo("0");
    }
}

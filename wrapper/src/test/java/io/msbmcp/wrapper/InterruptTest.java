package io.msbmcp.wrapper;

import static io.msbmcp.wrapper.FakeMicrosandbox.err;
import static io.msbmcp.wrapper.FakeMicrosandbox.out;
import static io.msbmcp.wrapper.FakeMicrosandbox.replResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.errors.CodeExecutionException;
import io.msbmcp.errors.CommandExecutionException;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.call.ProgressListener;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timeouts and cancellation against a fake backend: the decision between "the interrupt took effect" (state kept)
 * and "it did not within the grace" (sandbox restarted), cancels before and during each phase, and the phases
 * reported.
 */
@Timeout(30)
final class InterruptTest {
    private static final Duration GRACE = Duration.ofMillis(400);

    private final FakeMicrosandbox server = new FakeMicrosandbox();
    private final MicrosandboxWrapper wrapper = MicrosandboxWrapper.builder(
                    WrapperConfig.builder().namespace("ns1").build())
            .client(server)
            .ticker(new FakeTicker())
            .stopExecutor(Runnable::run)
            .interruptGrace(GRACE)
            .build();
    private final List<String> phases = new CopyOnWriteArrayList<>();
    private final Cancellation cancellation = new Cancellation();
    private final CallContext call = new CallContext(CallContext.DEFAULT_PRINCIPAL, cancellation, phases::add);
    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final CountDownLatch never = new CountDownLatch(1);
    private final List<CommandRunParams> interrupts = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        never.countDown();
        wrapper.close();
    }

    /** Code "loop" runs until the sandbox gets an interrupt (when {@code interruptible}), then raises KeyboardInterrupt. */
    private void replLoops(boolean interruptible) {
        server.command = params -> {
            if (FakeMicrosandbox.isCodeInterrupt(params) || FakeMicrosandbox.isGroupEnd(params)) {
                interrupts.add(params);
                interrupted.countDown();
            }
            return new CommandRunResult(params.command(), params.args(), 0, true, List.of());
        };
        server.repl = params -> {
            if (FakeMicrosandbox.userCode(params).equals("loop")) {
                FakeMicrosandbox.await(interruptible ? interrupted : never);
                return replResult(
                        List.of(out("partial"), err("KeyboardInterrupt"), out(FakeMicrosandbox.failureMark(params))));
            }
            return replResult(List.of(out("ok")));
        };
    }

    private static ExecuteCodeRequest code(String code, Duration timeout) {
        return new ExecuteCodeRequest(code, Template.PYTHON, "s1", null, timeout, List.of());
    }

    private void cancelWhenRunning(Function<FakeMicrosandbox, Integer> runs) {
        CompletableFuture.runAsync(() -> {
            while (runs.apply(server) == 0) {
                Thread.onSpinWait();
            }
            cancellation.cancel("client cancelled");
        });
    }

    @Test
    void timeout_interruptTakesEffect_timedOutResultKeepsSandboxAndSendsTheRunsPidFile() {
        replLoops(true);
        wrapper.executeCode(code("x = 1", Duration.ofSeconds(30)));
        String sandbox = server.replRuns.get(0).sandbox();

        CodeExecutionResult result = wrapper.executeCode(code("loop", Duration.ofSeconds(1)), call);
        CodeExecutionResult next = wrapper.executeCode(code("print(x)", Duration.ofSeconds(30)));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.sessionReset()).isFalse();
        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).isEqualTo("partial");
        assertThat(result.stderr()).contains("KeyboardInterrupt");
        assertThat(interrupts.get(0).args()).endsWith(FakeMicrosandbox.pidFile(server.replRuns.get(1)));
        assertThat(server.calls).doesNotContain("stop " + sandbox);
        assertThat(next.sessionReset()).isFalse();
        assertThat(server.replRuns.get(2).sandbox()).isEqualTo(sandbox);
        assertThat(server.starts).hasValue(1);
    }

    @Test
    void timeout_interruptWithoutEffect_restartsSandboxWithinTheGrace() {
        replLoops(false);
        wrapper.executeCode(code("x = 1", Duration.ofSeconds(30)));
        String sandbox = server.replRuns.get(0).sandbox();

        long started = System.nanoTime();
        CodeExecutionResult result = wrapper.executeCode(code("loop", Duration.ofSeconds(1)), call);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        CodeExecutionResult next = wrapper.executeCode(code("print(1)", Duration.ofSeconds(30)));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.sessionReset()).isTrue();
        assertThat(result.stderr()).contains("could not be interrupted");
        assertThat(tookMillis).isLessThan(1000 + GRACE.toMillis() + 2000);
        assertThat(interrupts).isNotEmpty();
        assertThat(server.calls).contains("stop " + sandbox);
        assertThat(next.sessionReset()).isFalse();
        assertThat(server.replRuns.get(2).sandbox()).isNotEqualTo(sandbox);
    }

    @Test
    void cancel_duringRunInterruptTakesEffect_throwsCancelledStateKeptAndSessionIsFree() {
        replLoops(true);
        wrapper.executeCode(code("x = 1", Duration.ofSeconds(30)));
        String sandbox = server.replRuns.get(0).sandbox();
        cancelWhenRunning(s -> s.replRuns.size() - 1);

        assertThatThrownBy(() -> wrapper.executeCode(code("loop", Duration.ofSeconds(60)), call))
                .isInstanceOfSatisfying(CodeExecutionException.class, e -> {
                    assertThat(e.getMessage()).contains("cancelled").contains("state is kept");
                    assertThat(e.context()).containsEntry("state_kept", true);
                });
        CodeExecutionResult next = wrapper.executeCode(code("print(x)", Duration.ofSeconds(30)));

        assertThat(next.sessionReset()).isFalse();
        assertThat(server.replRuns.get(2).sandbox()).isEqualTo(sandbox);
        assertThat(server.calls).doesNotContain("stop " + sandbox);
    }

    @Test
    void cancel_duringRunWithoutEffect_restartsSandboxAndTheNextResultSaysSo() {
        replLoops(false);
        wrapper.executeCode(code("x = 1", Duration.ofSeconds(30)));
        String sandbox = server.replRuns.get(0).sandbox();
        cancelWhenRunning(s -> s.replRuns.size() - 1);

        assertThatThrownBy(() -> wrapper.executeCode(code("loop", Duration.ofSeconds(60)), call))
                .isInstanceOfSatisfying(
                        CodeExecutionException.class,
                        e -> assertThat(e.context()).containsEntry("state_kept", false));
        CodeExecutionResult next = wrapper.executeCode(code("print(1)", Duration.ofSeconds(30)));
        CodeExecutionResult after = wrapper.executeCode(code("print(1)", Duration.ofSeconds(30)));

        assertThat(server.calls).contains("stop " + sandbox);
        assertThat(next.sessionReset()).isTrue();
        assertThat(after.sessionReset()).isFalse();
    }

    @Test
    void cancel_beforeTheCall_runsNothingAndStartsNoSandbox() {
        cancellation.cancel("gone");

        assertThatThrownBy(() -> wrapper.executeCode(code("print(1)", Duration.ofSeconds(5)), call))
                .isInstanceOf(CodeExecutionException.class)
                .hasMessageContaining("cancelled");

        assertThat(server.replRuns).isEmpty();
        assertThat(server.starts).hasValue(0);
        assertThat(phases).isEmpty();
    }

    @Test
    void cancel_duringDependencyInstall_endsTheInstallsProcessGroupAndRunsNoCode() {
        CountDownLatch groupEnded = new CountDownLatch(1);
        server.command = params -> {
            if (FakeMicrosandbox.isGroupEnd(params)) {
                interrupts.add(params);
                groupEnded.countDown();
            } else {
                FakeMicrosandbox.await(groupEnded); // pip runs until its group is ended
            }
            return new CommandRunResult(params.command(), params.args(), 143, false, List.of());
        };
        cancelWhenRunning(s -> s.commandRuns.size());

        assertThatThrownBy(() -> wrapper.executeCode(
                        new ExecuteCodeRequest("1", Template.PYTHON, "s1", null, null, List.of("six", "attrs")), call))
                .isInstanceOfSatisfying(
                        CodeExecutionException.class,
                        e -> assertThat(e.context()).containsEntry("state_kept", true));

        assertThat(server.replRuns).isEmpty();
        assertThat(interrupts)
                .singleElement()
                .satisfies(end -> assertThat(end.args().get(3))
                        .isEqualTo(server.commandRuns.get(0).args().get(4)));
        assertThat(phases).containsExactly("starting sandbox", "installing 2 packages");
    }

    @Test
    void cancel_whileQueuedBehindAnotherCall_leavesTheQueueAtOnce() throws Exception {
        replLoops(true);
        wrapper.executeCode(code("x = 1", Duration.ofSeconds(30)));
        CompletableFuture<CodeExecutionResult> busy =
                CompletableFuture.supplyAsync(() -> wrapper.executeCode(code("loop", Duration.ofSeconds(60))));
        while (server.replRuns.size() < 2) {
            Thread.onSpinWait();
        }
        CompletableFuture<CodeExecutionResult> queued = CompletableFuture.supplyAsync(
                () -> wrapper.executeCode(code("print(2)", Duration.ofSeconds(60)), call));

        cancellation.cancel("client gave up");

        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CodeExecutionException.class);
        assertThat(server.replRuns).hasSize(2);
        interrupted.countDown();
        assertThat(busy.get(5, TimeUnit.SECONDS).success()).isFalse();
    }

    @Test
    void command_timeoutEndsItsProcessGroupAndKeepsTheSession() {
        CountDownLatch groupEnded = new CountDownLatch(1);
        server.command = params -> {
            if (FakeMicrosandbox.isGroupEnd(params)) {
                interrupts.add(params);
                groupEnded.countDown();
                return new CommandRunResult(params.command(), params.args(), 0, true, List.of());
            }
            FakeMicrosandbox.await(groupEnded);
            return new CommandRunResult(params.command(), params.args(), 143, false, List.of(out("tick")));
        };

        CommandExecutionResult result = wrapper.executeCommand(
                new ExecuteCommandRequest(
                        "sleep 30", Template.PYTHON, "s1", null, Duration.ofSeconds(1), null, Map.of()),
                call);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.sessionReset()).isFalse();
        assertThat(result.exitCode()).isNull();
        assertThat(result.stdout()).isEqualTo("tick");
        assertThat(result.stderr()).contains("timed out after 1 seconds and was killed");
        assertThat(interrupts.get(0).args().get(3))
                .isEqualTo(server.commandRuns.get(0).args().get(4));
        assertThat(server.starts).hasValue(1);
        assertThat(phases).containsExactly("starting sandbox", "running");
    }

    @Test
    void command_cancelledAndCannotBeEnded_restartsSandboxAndTheNextResultSaysSo() {
        server.command = params -> {
            if (!FakeMicrosandbox.isGroupEnd(params)
                    && FakeMicrosandbox.launched(params).contains("sleep 30")) {
                FakeMicrosandbox.await(never);
            }
            return new CommandRunResult(params.command(), params.args(), 0, true, List.of());
        };
        cancelWhenRunning(s -> s.commandRuns.size());

        assertThatThrownBy(() -> wrapper.executeCommand(
                        new ExecuteCommandRequest("sleep 30", Template.PYTHON, "s1", null, null, null, Map.of()), call))
                .isInstanceOfSatisfying(
                        CommandExecutionException.class,
                        e -> assertThat(e.context()).containsEntry("state_kept", false));
        CommandExecutionResult next = wrapper.executeCommand(
                new ExecuteCommandRequest("true", Template.PYTHON, "s1", null, null, null, Map.of()));

        assertThat(next.sessionReset()).isTrue();
        assertThat(server.starts).hasValue(2);
    }

    @Test
    void phases_newSessionWithPackagesThenReuse_reportStartInstallRunThenOnlyRun() {
        server.command = params -> new CommandRunResult(
                params.command(), params.args(), 0, true, List.of(out("__MSB_PACKAGES__=/work/.msb-mcp/python")));
        ExecuteCodeRequest request =
                new ExecuteCodeRequest("1", Template.PYTHON, "s1", null, null, List.of("six", "attrs", "idna"));

        wrapper.executeCode(request, call);
        List<String> first = List.copyOf(phases);
        phases.clear();
        wrapper.executeCode(request, call);

        assertThat(first).containsExactly("starting sandbox", "installing 3 packages", "running");
        assertThat(phases).containsExactly("running");
    }

    @Test
    void phases_onePackage_isSingular() {
        server.command = params -> new CommandRunResult(
                params.command(), params.args(), 0, true, List.of(out("__MSB_PACKAGES__=/work/.msb-mcp/python")));

        wrapper.executeCode(new ExecuteCodeRequest("1", Template.PYTHON, "s1", null, null, List.of("six")), call);

        assertThat(phases).contains("installing 1 package");
    }

    @Test
    void progressListenerNone_isAccepted() {
        CodeExecutionResult result = wrapper.executeCode(
                code("1", Duration.ofSeconds(5)), new CallContext("p", new Cancellation(), ProgressListener.NONE));

        assertThat(result.success()).isTrue();
    }
}

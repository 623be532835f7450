package io.msbmcp.wrapper;

import static io.msbmcp.wrapper.FakeMicrosandbox.out;
import static io.msbmcp.wrapper.FakeMicrosandbox.replResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.errors.SessionNotFoundException;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
final class BackgroundSweepTest {
    private static final Duration IDLE = Duration.ofSeconds(1800);

    private final FakeMicrosandbox server = new FakeMicrosandbox();
    private final FakeTicker ticker = new FakeTicker();
    private final MicrosandboxWrapper wrapper = MicrosandboxWrapper.builder(WrapperConfig.builder()
                    .namespace("ns1")
                    .sessionTimeout(IDLE)
                    .build())
            .client(server)
            .ticker(ticker)
            .stopExecutor(Runnable::run)
            .build();

    @AfterEach
    void tearDown() {
        wrapper.close();
    }

    private CodeExecutionResult run(String sessionId) {
        return wrapper.executeCode(new ExecuteCodeRequest("1", Template.PYTHON, sessionId, null, null, List.of()));
    }

    @Test
    void expirySweep_sessionIdlePastTimeout_stopsItsSandboxAndForgetsIt() {
        run("idle");
        String sandbox = server.running("ns1").get(0);

        ticker.advance(IDLE.plusSeconds(1));
        wrapper.sweepExpiredNow();

        assertThat(server.isRunning("ns1", sandbox)).isFalse();
        assertThat(wrapper.getSessions(null)).isEmpty();
        assertThat(wrapper.health().activeSessions()).isZero();
    }

    @Test
    void cacheUpkeep_runsOnTheCallingThread_theStopExecutorOnlyStopsExpiredSandboxes() {
        AtomicInteger handedOff = new AtomicInteger();
        MicrosandboxWrapper counted = MicrosandboxWrapper.builder(WrapperConfig.builder()
                        .namespace("ns1")
                        .sessionTimeout(IDLE)
                        .build())
                .client(server)
                .ticker(ticker)
                .stopExecutor(task -> {
                    handedOff.incrementAndGet();
                    task.run();
                })
                .build();
        try {
            for (int i = 0; i < 50; i++) {
                counted.executeCode(new ExecuteCodeRequest("1", Template.PYTHON, "busy", null, null, List.of()));
            }
            assertThat(handedOff).hasValue(0);

            ticker.advance(IDLE.plusSeconds(1));
            counted.sweepExpiredNow();

            // the expired session's stop goes to the stop executor (the stopper may hand off its own retry step too)
            assertThat(handedOff.get()).isPositive();
            assertThat(server.running("ns1")).isEmpty();
        } finally {
            counted.close();
        }
    }

    @Test
    void expirySweep_sessionIdleLessThanTimeout_isKept() {
        run("recent");

        ticker.advance(IDLE.minusSeconds(1));
        wrapper.sweepExpiredNow();

        assertThat(wrapper.getSessions("recent")).hasSize(1);
        assertThat(server.running("ns1")).hasSize(1);
    }

    @Test
    void expirySweep_useResetsTheIdleClock() {
        run("used");
        ticker.advance(IDLE.minusSeconds(10));
        run("used");

        ticker.advance(Duration.ofSeconds(20));
        wrapper.sweepExpiredNow();

        assertThat(wrapper.getSessions("used")).hasSize(1);
    }

    @Test
    void expirySweep_callRunningLongerThanTimeout_isNotCutOff() throws Exception {
        run("busy");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        server.repl = params -> {
            inside.countDown();
            await(finish);
            return replResult(List.of(out("done")));
        };
        CompletableFuture<CodeExecutionResult> call = CompletableFuture.supplyAsync(() -> run("busy"));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        ticker.advance(IDLE.multipliedBy(3));
        wrapper.sweepExpiredNow();
        assertThat(wrapper.getSessions("busy"))
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(SessionStatus.RUNNING));
        finish.countDown();
        CodeExecutionResult result = call.get(10, TimeUnit.SECONDS);

        assertThat(result.stdout()).isEqualTo("done");
        assertThat(server.running("ns1")).hasSize(1);
        ticker.advance(IDLE.plusSeconds(1));
        wrapper.sweepExpiredNow();
        assertThat(server.running("ns1")).isEmpty();
    }

    @Test
    void expiredSession_reusedById_isCreatedAgain() {
        run("again");
        ticker.advance(IDLE.plusSeconds(1));
        wrapper.sweepExpiredNow();

        CodeExecutionResult result = run("again");

        assertThat(result.sessionCreated()).isTrue();
        assertThat(server.starts).hasValue(2);
    }

    @Test
    void expiredButNotYetSwept_getSessionsDoesNotShowIt() {
        run("stale");
        ticker.advance(IDLE.plusSeconds(1));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrapper.getSessions("stale"))
                .isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void orphanSweep_untrackedRunningSandboxOfItsNamespace_isStopped() {
        run("mine");
        String mine = server.running("ns1").get(0);
        server.addSandbox("ns1", "left-behind-abc123", true);
        server.addSandbox("ns1", "already-stopped", false);

        int stopped = wrapper.sweepOrphansNow();

        assertThat(stopped).isEqualTo(1);
        assertThat(server.running("ns1")).containsExactly(mine);
        assertThat(server.calls).doesNotContain("stop already-stopped").doesNotContain("stop " + mine);
        assertThat(wrapper.health().orphansStopped()).isEqualTo(1);
        assertThat(wrapper.health().lastOrphanSweep()).isNotNull();
    }

    @Test
    void orphanSweep_otherNamespace_isNeverTouched() {
        server.addSandbox("other", "theirs", true);
        server.addSandbox("ns1", "orphan", true);

        wrapper.sweepOrphansNow();

        assertThat(server.running("other")).containsExactly("theirs");
        assertThat(server.running("ns1")).isEmpty();
        assertThat(server.calls).filteredOn(c -> c.startsWith("metrics")).containsOnly("metrics ns1");
    }

    @Test
    void orphanSweep_namespaceNeverUsed_stopsNothingAndSucceeds() {
        assertThat(wrapper.sweepOrphansNow()).isZero();
    }

    @Test
    void orphanSweep_serverDown_failsWithoutHarm() {
        server.down = true;

        org.assertj.core.api.Assertions.assertThatThrownBy(wrapper::sweepOrphansNow)
                .isInstanceOf(io.msbmcp.errors.ConnectionException.class);
        assertThat(wrapper.health().lastOrphanSweep()).isNull();
    }

    @Test
    void backgroundTasks_started_runTheOrphanSweepAtStartup() throws Exception {
        server.addSandbox("ns1", "crash-leftover", true);

        wrapper.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.running("ns1").isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.running("ns1")).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

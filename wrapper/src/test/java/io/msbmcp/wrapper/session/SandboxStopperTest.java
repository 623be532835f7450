package io.msbmcp.wrapper.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.model.SandboxConfig;
import io.msbmcp.wrapper.model.SandboxStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Retries of unconfirmed stops: backoff, confirmation only by the backend, and two waiters on one sandbox. */
final class SandboxStopperTest {
    private final AtomicLong now = new AtomicLong();
    private final Backend backend = new Backend();
    private final SandboxStopper stopper =
            new SandboxStopper(new SandboxLifecycle(backend, "ns", List.of(), () -> false), now::get, Runnable::run);

    /** Stops fail with a masked 500 while {@code failing}; the sandbox runs until a stop succeeds. */
    private static final class Backend implements MicrosandboxClient {
        volatile boolean failing = true;
        volatile boolean running = true;
        final AtomicInteger stops = new AtomicInteger();

        @Override
        public void health() {}

        @Override
        public String startSandbox(String namespace, String sandbox, SandboxConfig config) {
            running = true;
            return "started";
        }

        @Override
        public void stopSandbox(String namespace, String sandbox) {
            stops.incrementAndGet();
            if (failing) {
                throw new SandboxApiException("sandbox.stop", 500, 5002, "Internal server error");
            }
            running = false;
        }

        @Override
        public List<SandboxStatus> metrics(String namespace, @Nullable String sandbox) {
            return List.of(new SandboxStatus(namespace, "sb", running, null, null, null));
        }

        @Override
        public ReplRunResult runRepl(ReplRunParams params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CommandRunResult runCommand(CommandRunParams params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void backoff_doublesFromOneSecondUpToTen() {
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(SandboxStopper::backoff))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(10));
    }

    @Test
    void stop_failing_isRetriedOnlyWhenDue_andConfirmedOnceTheBackendStopsIt() {
        AtomicInteger released = new AtomicInteger();

        StopOutcome first = stopper.stop("sb", released::incrementAndGet);
        stopper.retryDue(); // not due yet
        advance(Duration.ofSeconds(1));
        stopper.retryDue(); // due: fails again, next in 2 s

        assertThat(first.confirmed()).isFalse();
        assertThat(first.failure()).contains("HTTP 500");
        assertThat(backend.stops).hasValue(2);
        assertThat(released).hasValue(0);
        assertThat(stopper.pendingNames()).containsExactly("sb");

        backend.failing = false;
        advance(Duration.ofSeconds(2));
        assertThat(stopper.retryDue()).isEqualTo(1);
        assertThat(released).hasValue(1);
        assertThat(stopper.pendingCount()).isZero();
        assertThat(backend.running).isFalse();
    }

    @Test
    void twoStopsOfOneSandbox_bothActionsRunOnConfirmation() {
        AtomicInteger released = new AtomicInteger();
        stopper.stop("sb", released::incrementAndGet);
        stopper.stop("sb", released::incrementAndGet);

        backend.failing = false;
        advance(Duration.ofSeconds(10));
        stopper.retryDue();

        assertThat(released).hasValue(2);
    }

    @Test
    void failedStart_isWatchedForTheWholePeriod_evenWhenTheBackendSaysItDoesNotRun() {
        backend.failing = false;
        backend.running = false;
        AtomicInteger released = new AtomicInteger();

        stopper.stopAfterFailedStart("sb", Duration.ofSeconds(30), released::incrementAndGet);
        assertThat(released).hasValue(0);
        backend.running = true; // the start completes late
        advance(Duration.ofSeconds(2));
        stopper.retryDue();
        assertThat(backend.running).isFalse();
        assertThat(released).hasValue(0);

        advance(Duration.ofSeconds(30));
        stopper.retryDue();
        assertThat(released).hasValue(1);
    }
}

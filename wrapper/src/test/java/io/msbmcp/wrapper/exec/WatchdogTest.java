package io.msbmcp.wrapper.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.wrapper.call.Cancellation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watchdog stops runs past their timeout and keeps nothing of the runs that ended in time. */
@Timeout(20)
final class WatchdogTest {
    private final Watchdog watchdog = new Watchdog(Duration.ofSeconds(3));

    @AfterEach
    void close() {
        watchdog.close();
    }

    @Test
    void watch_runsEndingBeforeTheirTimeout_leaveNothingQueued() {
        for (int i = 0; i < 10_000; i++) {
            try (RunGuard guard = watchdog.watch(Duration.ofSeconds(30), new Cancellation(), () -> {})) {
                assertThat(guard.stop()).isEqualTo(RunGuard.Stop.NONE);
            }
        }

        assertThat(watchdog.watched()).isZero();
        assertThat(watchdog.queued()).as("the ticker only").isEqualTo(1);
    }

    @Test
    void watch_timeoutPasses_interruptsTheRun() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);

        try (RunGuard guard = watchdog.watch(Duration.ofMillis(100), new Cancellation(), interrupted::countDown)) {
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(guard.stop()).isEqualTo(RunGuard.Stop.TIMEOUT);
            assertThat(guard.abandoned()).isFalse();
        }
        assertThat(watchdog.watched()).isZero();
    }

    @Test
    void watch_noTimeout_isNotWatchedForOne() {
        try (RunGuard guard = watchdog.watch(null, new Cancellation(), () -> {})) {
            assertThat(watchdog.watched()).isZero();
            assertThat(guard.stop()).isEqualTo(RunGuard.Stop.NONE);
        }
    }

    @Test
    void watch_callerCancels_stopsTheRunForCancel() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        Cancellation cancellation = new Cancellation();

        try (RunGuard guard = watchdog.watch(Duration.ofSeconds(30), cancellation, interrupted::countDown)) {
            cancellation.cancel("the caller gave up");
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(guard.stop()).isEqualTo(RunGuard.Stop.CANCEL);
        }
        assertThat(watchdog.watched()).isZero();
    }
}

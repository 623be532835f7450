package io.msbmcp.wrapper.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deadlines: what is past its deadline expires once, what is within it or no longer watched does not. */
@Timeout(10)
final class DeadlinesTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> expired = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final Deadlines<String> deadlines = new Deadlines<>(ticker, false, now::get, expired::add);

    @AfterEach
    void close() {
        deadlines.close();
        ticker.shutdownNow();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void sweep_pastTheDeadline_expiresItOnceAndStopsWatchingIt() {
        deadlines.watch("call", Duration.ofSeconds(5));

        advance(Duration.ofSeconds(5));
        deadlines.sweep();
        deadlines.sweep();

        assertThat(expired).containsExactly("call");
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void sweep_beforeTheDeadline_leavesItWatched() {
        deadlines.watch("call", Duration.ofSeconds(5));

        advance(Duration.ofMillis(4999));
        deadlines.sweep();

        assertThat(expired).isEmpty();
        assertThat(deadlines.size()).isEqualTo(1);
    }

    @Test
    void sweep_afterTheWatchWasClosed_doesNothing() {
        deadlines.watch("call", Duration.ofSeconds(1)).close();

        advance(Duration.ofSeconds(2));
        deadlines.sweep();

        assertThat(expired).isEmpty();
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void sweep_several_expiresOnlyThoseDue() {
        deadlines.watch("early", Duration.ofSeconds(1));
        deadlines.watch("late", Duration.ofSeconds(10));

        advance(Duration.ofSeconds(2));
        deadlines.sweep();

        assertThat(expired).containsExactly("early");
        assertThat(deadlines.size()).isEqualTo(1);
    }

    @Test
    void sweep_anExpiryThrows_theOthersStillExpire() {
        Deadlines<String> failing = new Deadlines<>(ticker, false, now::get, key -> {
            if (key.equals("bad")) {
                throw new IllegalStateException("boom");
            }
            expired.add(key);
        });
        failing.watch("bad", Duration.ofSeconds(1));
        failing.watch("good", Duration.ofSeconds(1));

        advance(Duration.ofSeconds(1));
        failing.sweep();

        assertThat(expired).containsExactly("good");
        assertThat(failing.size()).isZero();
        failing.close();
    }

    @Test
    void ticker_ownThread_expiresWithoutAnyoneSweeping() throws InterruptedException {
        try (Deadlines<String> real = new Deadlines<>("deadlines-test", expired::add)) {
            real.watch("soon", Duration.ofMillis(20));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (expired.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        }

        assertThat(expired).containsExactly("soon");
    }

    @Test
    void close_aGivenTicker_staysTheCallers() {
        deadlines.close();

        assertThat(ticker.isShutdown()).isFalse();
    }
}

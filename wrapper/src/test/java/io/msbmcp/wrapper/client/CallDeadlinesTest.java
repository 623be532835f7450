package io.msbmcp.wrapper.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole-call deadlines: a call past its deadline is cancelled, one within it or no longer watched is not. */
@Timeout(10)
final class CallDeadlinesTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CallDeadlines deadlines = new CallDeadlines(now::get);
    private final OkHttpClient http = new OkHttpClient();

    @AfterEach
    void close() {
        deadlines.close();
    }

    private Call call() {
        return http.newCall(new Request.Builder().url("http://127.0.0.1:9/").build());
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void sweep_pastTheDeadline_cancelsTheCallAndStopsWatchingIt() {
        Call call = call();
        deadlines.track(call, Duration.ofSeconds(5));

        advance(Duration.ofSeconds(5));
        deadlines.sweep();

        assertThat(call.isCanceled()).isTrue();
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void sweep_beforeTheDeadline_leavesTheCallRunning() {
        Call call = call();
        deadlines.track(call, Duration.ofSeconds(5));

        advance(Duration.ofMillis(4999));
        deadlines.sweep();

        assertThat(call.isCanceled()).isFalse();
        assertThat(deadlines.size()).isEqualTo(1);
    }

    @Test
    void sweep_afterTheCallEnded_doesNothing() {
        Call call = call();
        deadlines.track(call, Duration.ofSeconds(1)).close();

        advance(Duration.ofSeconds(2));
        deadlines.sweep();

        assertThat(call.isCanceled()).isFalse();
        assertThat(deadlines.size()).isZero();
    }

    @Test
    void sweep_manyCalls_cancelsOnlyThoseDue() {
        Call early = call();
        Call late = call();
        deadlines.track(early, Duration.ofSeconds(1));
        deadlines.track(late, Duration.ofSeconds(10));

        advance(Duration.ofSeconds(2));
        deadlines.sweep();

        assertThat(early.isCanceled()).isTrue();
        assertThat(late.isCanceled()).isFalse();
    }
}

package io.msbmcp.wrapper.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import okhttp3.Call;

/**
 * The whole-call timeouts of the Microsandbox client: one ticker cancels every call that outlives its deadline. A call
 * only puts itself in a map and takes itself out. (OkHttp's own call timeout enters Okio's watchdog queue and wakes
 * its thread on every call; measured at one wake-up per {@code execute_code}, which on a small machine shows in the
 * tail latency.) Deadlines are kept to {@link #TICK} (timeouts are seconds long).
 */
final class CallDeadlines implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(50);

    private final Map<Call, Long> deadlines = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService ticker;

    CallDeadlines() {
        this(System::nanoTime);
    }

    CallDeadlines(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "msb-call-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::sweep, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Watches {@code call} until the returned handle is closed; past {@code timeout}, the call is cancelled. */
    Tracked track(Call call, Duration timeout) {
        deadlines.put(call, nanoTime.getAsLong() + timeout.toNanos());
        return () -> deadlines.remove(call);
    }

    /** Cancels the calls whose deadline has passed. */
    void sweep() {
        if (deadlines.isEmpty()) {
            return;
        }
        long now = nanoTime.getAsLong();
        deadlines.forEach((call, deadline) -> {
            if (now - deadline >= 0 && deadlines.remove(call, deadline)) {
                call.cancel();
            }
        });
    }

    /** The calls watched now. */
    int size() {
        return deadlines.size();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** A watched call; closing it ends the watch. */
    interface Tracked extends AutoCloseable {
        @Override
        void close();
    }
}

package io.msbmcp.wrapper.call;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timeouts kept by one ticker: things with a deadline (backend calls, runs in sandboxes) sit in a map, and every {@link
 * #TICK} the ticker hands each one past its deadline to the expiry action, once. Watching costs a map put and remove.
 * A timer scheduled and cancelled per call instead stays in its scheduler's queue until its time comes (at 10,000 runs
 * a second, some 300,000 tasks for a 30-s timeout, promoted and collected by full collections); OkHttp's own call
 * timeout wakes Okio's watchdog thread on every call. A deadline is kept to within a tick (timeouts are seconds long).
 *
 * @param <K> what is watched (its {@code equals} and {@code hashCode} tell one from another)
 */
public final class Deadlines<K> implements AutoCloseable {
    /** How often the deadlines are checked. */
    public static final Duration TICK = Duration.ofMillis(50);

    private static final Logger logger = LoggerFactory.getLogger(Deadlines.class);

    private final Map<K, Long> deadlines = new ConcurrentHashMap<>();
    private final Consumer<K> onExpiry;
    private final LongSupplier nanoTime;
    private final @Nullable ScheduledExecutorService ownTicker;
    private final Future<?> sweeps;

    /** Deadlines swept on a daemon thread of their own, named {@code threadName}, until {@link #close()}. */
    public Deadlines(String threadName, Consumer<K> onExpiry) {
        this(ownTicker(threadName), true, System::nanoTime, onExpiry);
    }

    /** Deadlines swept on {@code ticker}, which stays the caller's: {@link #close()} only ends the sweeps. */
    public Deadlines(ScheduledExecutorService ticker, Consumer<K> onExpiry) {
        this(ticker, false, System::nanoTime, onExpiry);
    }

    /** With the clock given (tests). */
    Deadlines(ScheduledExecutorService ticker, boolean owned, LongSupplier nanoTime, Consumer<K> onExpiry) {
        this.onExpiry = requireNonNull(onExpiry, "onExpiry");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
        this.ownTicker = owned ? ticker : null;
        this.sweeps = ticker.scheduleAtFixedRate(this::sweep, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Watches {@code key} until the returned handle is closed; past {@code timeout}, it expires. */
    public Watch watch(K key, Duration timeout) {
        deadlines.put(key, nanoTime.getAsLong() + Math.max(0, timeout.toNanos()));
        return () -> deadlines.remove(key);
    }

    /** Expires what is past its deadline (the ticker calls it). */
    public void sweep() {
        if (deadlines.isEmpty()) {
            return;
        }
        long now = nanoTime.getAsLong();
        deadlines.forEach((key, deadline) -> {
            if (now - deadline >= 0 && deadlines.remove(key, deadline)) {
                try {
                    onExpiry.accept(key);
                } catch (RuntimeException e) {
                    // one failed expiry must not end the sweeps of everything else
                    logger.warn("Could not expire {} past its deadline: {}", key, e.toString());
                }
            }
        });
    }

    /** What is watched now. */
    public int size() {
        return deadlines.size();
    }

    @Override
    public void close() {
        sweeps.cancel(false);
        if (ownTicker != null) {
            ownTicker.shutdownNow();
        }
    }

    /** One thing watched; closing it ends the watch. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private static ScheduledExecutorService ownTicker(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }
}

package io.msbmcp.wrapper.exec;

import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.call.Deadlines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch over one run (made by {@link Watchdog#watch}). When the run's timeout passes or its caller cancels, it
 * sends the interrupt, again every repeat interval while the run goes on, and after the grace it abandons the run: it
 * fires {@link #abort()}, which drops the run's HTTP call. The runner then reads {@link #stop()} and {@link
 * #abandoned()} to tell what happened. Thread-safe.
 */
public final class RunGuard implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(RunGuard.class);

    /** Why a run was stopped. */
    public enum Stop {
        /** It was not: it ended on its own. */
        NONE,
        /** Its timeout passed. */
        TIMEOUT,
        /** Its caller cancelled it. */
        CANCEL
    }

    private final ScheduledExecutorService scheduler;
    private final Executor interrupters;
    private final Duration grace;
    private final Duration repeat;
    private final Runnable interrupt;
    private final Deadlines<RunGuard> timeouts;
    private Deadlines.@Nullable Watch timeout;
    private final Cancellation abort = new Cancellation();
    private final AtomicBoolean interrupting = new AtomicBoolean();
    private final List<Future<?>> timers = new ArrayList<>();
    private Cancellation.@Nullable Registration registration;
    private volatile Stop stop = Stop.NONE;
    private volatile boolean abandoned;
    private boolean closed;

    RunGuard(
            ScheduledExecutorService scheduler,
            Executor interrupters,
            Duration grace,
            Duration repeat,
            Runnable interrupt,
            Deadlines<RunGuard> timeouts) {
        this.scheduler = scheduler;
        this.timeouts = timeouts;
        this.interrupters = interrupters;
        this.grace = grace;
        this.repeat = repeat;
        this.interrupt = interrupt;
    }

    synchronized void start(@Nullable Duration timeout, Cancellation cancellation) {
        if (timeout != null) {
            this.timeout = timeouts.watch(this, timeout);
        }
        registration = cancellation.onCancel(() -> trigger(Stop.CANCEL));
    }

    /** Fires when the run is abandoned; pass it to the client call that runs it. */
    public Cancellation abort() {
        return abort;
    }

    /** Why the run was stopped, or {@link Stop#NONE}. */
    public Stop stop() {
        return stop;
    }

    /** True when the interrupt did not end the run within the grace and its call was dropped. */
    public boolean abandoned() {
        return abandoned;
    }

    /** Stops watching: no more interrupts, no abandonment. */
    @Override
    public synchronized void close() {
        closed = true;
        if (timeout != null) {
            timeout.close();
        }
        if (registration != null) {
            registration.close();
        }
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
    }

    /** The run's timeout has passed (called by the watchdog's ticker). */
    void timedOut() {
        trigger(Stop.TIMEOUT);
    }

    private synchronized void trigger(Stop reason) {
        if (closed || stop != Stop.NONE) {
            return;
        }
        stop = reason;
        logger.debug("Run stopped ({}); interrupting it", reason);
        try {
            timers.add(scheduler.scheduleWithFixedDelay(
                    this::interruptOnce, 0, Math.max(1, repeat.toMillis()), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // the wrapper is closing: its sandboxes are being stopped anyway
        }
        schedule(this::abandon, grace);
    }

    private void interruptOnce() {
        synchronized (this) {
            if (closed || abandoned || !interrupting.compareAndSet(false, true)) {
                return;
            }
        }
        try {
            interrupters.execute(() -> {
                try {
                    interrupt.run();
                } catch (RuntimeException e) {
                    logger.debug("Interrupt failed: {}", e.toString());
                } finally {
                    interrupting.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            interrupting.set(false);
        }
    }

    private void abandon() {
        synchronized (this) {
            if (closed) {
                return;
            }
            abandoned = true;
        }
        abort.cancel("the interrupt did not end the run within " + grace.toMillis() + " ms");
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            timers.add(scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // the wrapper is closing
        }
    }
}

package io.msbmcp.wrapper.exec;

import static java.util.Objects.requireNonNull;

import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.call.Deadlines;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Watches runs in sandboxes for their timeout and their caller's cancellation, and stops them the way a notebook does:
 * first an interrupt sent from a second backend call (SIGINT to the REPL, TERM then KILL to a command's process group),
 * repeated every {@link #INTERRUPT_REPEAT} while the run goes on; only a run still going {@code grace} after the first
 * interrupt is abandoned, and the caller then restarts the sandbox. One per wrapper; {@link #close()} stops its threads.
 *
 * <p>Timeouts are kept by {@link Deadlines} on the watchdog's scheduler, so a run is stopped up to {@link
 * Deadlines#TICK} after its timeout; the scheduler also repeats the interrupts and abandons runs.
 */
public final class Watchdog implements AutoCloseable {
    /** How long an interrupt may take to end a run before the sandbox is restarted instead. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(3);
    /** How often the interrupt is sent again while the run goes on (code may catch one KeyboardInterrupt). */
    static final Duration INTERRUPT_REPEAT = Duration.ofSeconds(1);

    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService interrupters;
    private final Deadlines<RunGuard> timeouts;
    private final Duration grace;

    public Watchdog(Duration grace) {
        requireNonNull(grace, "grace");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("grace must be positive, was " + grace);
        }
        this.grace = grace;
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("msb-watchdog"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.interrupters = Executors.newCachedThreadPool(daemon("msb-interrupt"));
        this.timeouts = new Deadlines<>(scheduler, RunGuard::timedOut);
    }

    public Duration grace() {
        return grace;
    }

    /**
     * Starts watching one run. {@code timeout} (null: none) starts now; {@code cancellation} is the caller's signal;
     * {@code interrupt} asks the sandbox to stop the run and is called on a thread of its own, never holding locks of
     * the caller. Close the guard when the run has returned.
     */
    public RunGuard watch(@Nullable Duration timeout, Cancellation cancellation, Runnable interrupt) {
        RunGuard guard = new RunGuard(scheduler, interrupters, grace, INTERRUPT_REPEAT, interrupt, timeouts);
        guard.start(timeout, cancellation);
        return guard;
    }

    /** The runs watched for a timeout now (tests). */
    int watched() {
        return timeouts.size();
    }

    /** The tasks in the scheduler's queue now, the ticker's included (tests). */
    int queued() {
        return scheduler.getQueue().size();
    }

    /** The timeout to give the server for a run the watchdog stops at {@code timeout}: late enough never to come first. */
    public long serverTimeoutSeconds(Duration timeout) {
        return timeout.plus(grace).plusSeconds(2).toSeconds();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        interrupters.shutdown();
        try {
            interrupters.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        interrupters.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

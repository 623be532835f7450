package io.msbmcp.wrapper.tasks;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sweeps on their own daemon threads: the expiry sweep every cleanup interval, and the orphan sweep at start
 * and every orphan interval. Until an orphan sweep has succeeded once (e.g. the Microsandbox server was down at
 * start), it is retried on every expiry tick, so leftovers of a crash do not wait a whole orphan interval.
 */
public final class BackgroundTasks implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(BackgroundTasks.class);

    private final Runnable expirySweep;
    private final OrphanSweep orphanSweep;
    private final Duration cleanupInterval;
    private final Duration orphanInterval;
    private final AtomicBoolean orphanSweepSucceeded = new AtomicBoolean();
    private final ScheduledExecutorService scheduler;
    private final Runnable stopRetries;

    public BackgroundTasks(
            Runnable expirySweep, OrphanSweep orphanSweep, Duration cleanupInterval, Duration orphanInterval) {
        this(expirySweep, orphanSweep, cleanupInterval, orphanInterval, () -> {});
    }

    /**
     * @param stopRetries retries sandbox stops that the backend has not confirmed; run every {@link
     *     #STOP_RETRY_TICK}
     */
    public BackgroundTasks(
            Runnable expirySweep,
            OrphanSweep orphanSweep,
            Duration cleanupInterval,
            Duration orphanInterval,
            Runnable stopRetries) {
        this.stopRetries = stopRetries;
        this.expirySweep = expirySweep;
        this.orphanSweep = orphanSweep;
        this.cleanupInterval = cleanupInterval;
        this.orphanInterval = orphanInterval;
        this.scheduler = Executors.newScheduledThreadPool(2, daemonThreads("msb-sweeper"));
    }

    /** How often unconfirmed sandbox stops are looked at (each has its own backoff, 1 s to 10 s). */
    public static final Duration STOP_RETRY_TICK = Duration.ofSeconds(1);

    public void start() {
        scheduler.scheduleWithFixedDelay(
                this::stopRetryTick, STOP_RETRY_TICK.toMillis(), STOP_RETRY_TICK.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::orphanTick, 0, orphanInterval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                this::expiryTick, cleanupInterval.toMillis(), cleanupInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void orphanTick() {
        if (orphanSweep.sweepQuietly()) {
            orphanSweepSucceeded.set(true);
        }
    }

    private void stopRetryTick() {
        try {
            stopRetries.run();
        } catch (RuntimeException e) {
            logger.warn("Retrying sandbox stops failed: {}", e.toString());
        }
    }

    private void expiryTick() {
        try {
            expirySweep.run();
        } catch (RuntimeException e) {
            logger.warn("Expiry sweep failed: {}", e.toString());
        }
        if (!orphanSweepSucceeded.get()) {
            orphanTick();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                logger.warn("Background tasks did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A thread factory for named daemon threads. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

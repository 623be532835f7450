package io.msbmcp.adapter.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands events to one writer thread, which passes them on to the real appender in batches. It does what Logback's
 * {@code AsyncAppender} does, at a fraction of the cost a request pays for its one event per tool call:
 *
 * <ul>
 *   <li>The logging thread does not wake the writer for each event. Under load the writer drains the queue every
 *       {@value #BATCH_MILLIS} ms; only a writer that has been idle for {@value #IDLE_MILLIS} ms sleeps until an event
 *       wakes it. ({@code AsyncAppender}'s writer waits on the queue, so every event a request logs costs a wake-up of
 *       another thread.)
 *   <li>A message whose arguments are all immutable values (strings, integers, doubles, booleans, enums) gives the same
 *       text later, so it is formatted by the writer; only the thread name and MDC are taken on the logging thread. Any
 *       other event is prepared at once, as {@code AsyncAppender} does.
 *   <li>No event is ever dropped: when the queue is full, the logging thread waits for room. {@link #stop()} writes
 *       what is still queued, waiting at most the flush time.
 * </ul>
 */
final class BatchingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final long BATCH_MILLIS = 10;
    static final long IDLE_MILLIS = 200;
    /** The most events the writer takes from the queue at once. */
    private static final int DRAIN_BATCH = 256;

    private final Appender<ILoggingEvent> target;
    private final BlockingQueue<ILoggingEvent> queue;
    private final long maxFlushMillis;
    private volatile boolean sleeping;
    private volatile boolean stopping;
    private volatile Thread writer;

    BatchingAsyncAppender(Appender<ILoggingEvent> target, int queueSize, long maxFlushMillis) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.maxFlushMillis = maxFlushMillis;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        stopping = false;
        Thread thread = new Thread(this::drain, "log-writer");
        thread.setDaemon(true);
        writer = thread;
        super.start();
        thread.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        prepare(event);
        if (!queue.offer(event)) {
            LockSupport.unpark(writer);
            try {
                queue.put(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (sleeping) {
            LockSupport.unpark(writer);
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        stopping = true;
        Thread thread = writer;
        LockSupport.unpark(thread);
        try {
            thread.join(maxFlushMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            addWarn("Gave up writing " + queue.size() + " queued log events after " + maxFlushMillis + " ms");
        }
    }

    /** The events not written yet. */
    int queued() {
        return queue.size();
    }

    private void drain() {
        long idleSince = System.nanoTime();
        boolean unflushed = false;
        List<ILoggingEvent> batch = new ArrayList<>(DRAIN_BATCH);
        while (true) {
            // one take of the queue's lock for the whole batch, not one per event: the logging threads contend for it
            if (queue.drainTo(batch, DRAIN_BATCH) > 0) {
                for (ILoggingEvent event : batch) {
                    target.doAppend(event);
                }
                batch.clear();
                unflushed = true;
                idleSince = System.nanoTime();
                continue;
            }
            if (unflushed) {
                flushTarget();
                unflushed = false;
            }
            if (stopping) {
                return;
            }
            if (System.nanoTime() - idleSince < TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS));
                continue;
            }
            sleeping = true;
            if (queue.isEmpty() && !stopping) {
                LockSupport.park(this);
            }
            sleeping = false;
            idleSince = System.nanoTime();
        }
    }

    /** Writes out what a buffered target holds: the batch's events leave in one write. */
    private void flushTarget() {
        if (target instanceof OutputStreamAppender<?> stream && stream.getOutputStream() != null) {
            try {
                stream.getOutputStream().flush();
            } catch (IOException e) {
                addWarn("Could not flush the log output", e);
            }
        }
    }

    private static void prepare(ILoggingEvent event) {
        if (immutableArguments(event.getArgumentArray())) {
            event.getThreadName();
            event.getMDCPropertyMap();
        } else {
            event.prepareForDeferredProcessing();
        }
    }

    static boolean immutableArguments(Object[] arguments) {
        if (arguments == null) {
            return true;
        }
        for (Object argument : arguments) {
            if (!(argument == null
                    || argument instanceof String
                    || argument instanceof Integer
                    || argument instanceof Long
                    || argument instanceof Double
                    || argument instanceof Boolean
                    || argument instanceof Enum<?>)) {
                return false;
            }
        }
        return true;
    }
}

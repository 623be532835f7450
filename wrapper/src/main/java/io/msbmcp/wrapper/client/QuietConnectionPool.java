package io.msbmcp.wrapper.client;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.RealConnectionPool;

/**
 * OkHttp's connection pool with a sweeper that is not woken by every call.
 *
 * <p>OkHttp's pool schedules its clean-up task each time a connection goes back to it, and its task runner wakes its
 * coordinator thread for that: one thread wake-up, one context switch and a scan of the pool per backend call, about a
 * tenth of the server's CPU for an {@code execute_code} on two cores. Here the coordinator is never woken early; it
 * looks at the pool at least every {@link #SWEEP_INTERVAL} instead, so an idle connection is closed at most that
 * much later than its keep-alive. Everything else (reuse, limits, eviction, {@code evictAll}) is OkHttp's own pool.
 *
 * <p>The pool is built on OkHttp 4.12's task runner ({@code okhttp3.internal.concurrent}); the version is pinned in
 * the parent POM and {@code QuietConnectionPoolTest} checks the behaviour against it.
 */
final class QuietConnectionPool {
    /** How late, at most, an idle connection past its keep-alive is closed. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private QuietConnectionPool() {}

    /**
     * A pool keeping up to {@code maxIdle} idle connections for {@code keepAlive}, whose sweeper threads are daemons
     * named {@code msb-pool-sweeper}.
     */
    static ConnectionPool create(int maxIdle, Duration keepAlive) {
        return create(maxIdle, keepAlive, SWEEP_INTERVAL);
    }

    static ConnectionPool create(int maxIdle, Duration keepAlive, Duration sweepInterval) {
        TaskRunner runner = new TaskRunner(new UnwokenBackend(sweepInterval.toNanos()));
        return new ConnectionPool(new RealConnectionPool(runner, maxIdle, keepAlive.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** OkHttp's own backend, except that the coordinator is not notified and waits at most the sweep interval. */
    private static final class UnwokenBackend implements TaskRunner.Backend {
        private final TaskRunner.Backend delegate = new TaskRunner.RealBackend(new SweeperThreads());
        private final long maxWaitNanos;

        UnwokenBackend(long maxWaitNanos) {
            this.maxWaitNanos = maxWaitNanos;
        }

        @Override
        public void beforeTask(TaskRunner taskRunner) {
            delegate.beforeTask(taskRunner);
        }

        @Override
        public long nanoTime() {
            return delegate.nanoTime();
        }

        @Override
        public void coordinatorNotify(TaskRunner taskRunner) {
            // not woken: the coordinator comes back on its own within maxWaitNanos
        }

        @Override
        public void coordinatorWait(TaskRunner taskRunner, long nanos) {
            delegate.coordinatorWait(taskRunner, Math.min(nanos, maxWaitNanos));
        }

        @Override
        public void execute(Runnable runnable) {
            delegate.execute(runnable);
        }
    }

    private static final class SweeperThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "msb-pool-sweeper-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}

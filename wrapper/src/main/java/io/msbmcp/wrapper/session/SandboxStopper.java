package io.msbmcp.wrapper.session;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops sandboxes until the backend confirms it. A stop that fails is kept and retried (after 1 s, then doubling up to
 * {@link #MAX_BACKOFF}) by {@link #retryDue()}, which the background tasks call every second; only a confirmed stop runs
 * its {@code onStopped} action, which gives the session's slot and memory back. A sandbox whose start failed on our side
 * (e.g. a timeout) may still be started by the backend afterwards, so its stop is repeated for a watch period before it
 * counts as confirmed: a start that completes late is stopped by the next retry, whichever comes first.
 */
public final class SandboxStopper {
    private static final Logger logger = LoggerFactory.getLogger(SandboxStopper.class);

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    static final Duration WATCH_POLL = Duration.ofSeconds(2);

    private final SandboxLifecycle lifecycle;
    private final Ticker ticker;
    private final Executor executor;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** A stop not yet confirmed. */
    private static final class Pending {
        final Runnable onStopped;
        final long watchUntilNanos;
        int attempts;
        long nextAttemptNanos;
        String lastFailure = "not yet tried";

        Pending(Runnable onStopped, long watchUntilNanos, long nextAttemptNanos) {
            this.onStopped = onStopped;
            this.watchUntilNanos = watchUntilNanos;
            this.nextAttemptNanos = nextAttemptNanos;
        }
    }

    public SandboxStopper(SandboxLifecycle lifecycle, Ticker ticker, Executor executor) {
        this.lifecycle = lifecycle;
        this.ticker = ticker;
        this.executor = executor;
    }

    /**
     * Stops the sandbox now on the caller's thread. When the backend confirms, {@code onStopped} runs before this
     * returns; otherwise the stop is kept for retries and {@code onStopped} runs once one succeeds.
     */
    public StopOutcome stop(String sandboxName, Runnable onStopped) {
        StopOutcome outcome = lifecycle.stopConfirmed(sandboxName);
        if (outcome.confirmed()) {
            onStopped.run();
        } else {
            keep(sandboxName, new Pending(onStopped, 0, ticker.read() + FIRST_BACKOFF.toNanos()), outcome);
        }
        return outcome;
    }

    /** Stops the sandbox on the executor, with retries as {@link #stop}. */
    public void stopLater(String sandboxName, Runnable onStopped) {
        executor.execute(() -> stop(sandboxName, onStopped));
    }

    /**
     * Stops a sandbox whose start failed on our side and that the backend may still be starting: the stop is repeated
     * until {@code watch} has passed and the backend confirms it, and only then {@code onStopped} runs.
     */
    public void stopAfterFailedStart(String sandboxName, Duration watch, Runnable onStopped) {
        long now = ticker.read();
        put(sandboxName, new Pending(onStopped, now + watch.toNanos(), now));
        executor.execute(this::retryDue);
    }

    /** Retries every kept stop whose time has come; returns how many were confirmed. Never throws. */
    public synchronized int retryDue() {
        int confirmed = 0;
        for (Map.Entry<String, Pending> each : List.copyOf(pending.entrySet())) {
            String name = each.getKey();
            Pending entry = each.getValue();
            long now = ticker.read();
            if (now - entry.nextAttemptNanos < 0) {
                continue;
            }
            StopOutcome outcome;
            try {
                outcome = lifecycle.stopConfirmed(name);
            } catch (RuntimeException e) {
                outcome = StopOutcome.failed(e.toString());
            }
            long after = ticker.read();
            if (outcome.confirmed() && after - entry.watchUntilNanos >= 0) {
                if (pending.remove(name, entry)) {
                    confirmed++;
                    logger.info(
                            "Sandbox '{}' confirmed stopped after {} attempt(s)", name, Math.max(1, entry.attempts));
                    runQuietly(name, entry.onStopped);
                }
            } else if (outcome.confirmed()) {
                entry.nextAttemptNanos = after + WATCH_POLL.toNanos(); // watching a start that may still complete
            } else {
                entry.attempts++;
                entry.lastFailure = String.valueOf(outcome.failure());
                entry.nextAttemptNanos = after + backoff(entry.attempts).toNanos();
                if (entry.attempts == 1 || entry.attempts % 10 == 0) {
                    logger.warn(
                            "Stopping sandbox '{}' failed ({}), attempt {}; retrying",
                            name,
                            entry.lastFailure,
                            entry.attempts);
                }
            }
        }
        return confirmed;
    }

    /** Stops not yet confirmed. */
    public int pendingCount() {
        return pending.size();
    }

    /** Names of the sandboxes whose stop is not yet confirmed. */
    public Set<String> pendingNames() {
        return Set.copyOf(pending.keySet());
    }

    /** Tries every kept stop once more, ignoring backoff and watch periods (shutdown). Returns how many remain. */
    public int flush() {
        List<String> names = new ArrayList<>(pending.keySet());
        for (String name : names) {
            Pending entry = pending.get(name);
            if (entry != null && lifecycle.stopConfirmed(name).confirmed() && pending.remove(name, entry)) {
                runQuietly(name, entry.onStopped);
            }
        }
        return pending.size();
    }

    private void keep(String name, Pending entry, StopOutcome outcome) {
        entry.attempts = 1;
        entry.lastFailure = String.valueOf(outcome.failure());
        put(name, entry);
        logger.warn("Stopping sandbox '{}' failed ({}); retrying in the background", name, entry.lastFailure);
    }

    /** Keeps a stop; a stop already kept for the same sandbox keeps both actions and the longer watch. */
    private void put(String name, Pending entry) {
        pending.merge(name, entry, (old, added) -> {
            Runnable both = () -> {
                runQuietly(name, old.onStopped);
                runQuietly(name, added.onStopped);
            };
            Pending merged = new Pending(
                    both,
                    old.watchUntilNanos - added.watchUntilNanos > 0 ? old.watchUntilNanos : added.watchUntilNanos,
                    Math.min(old.nextAttemptNanos, added.nextAttemptNanos));
            merged.attempts = Math.max(old.attempts, added.attempts);
            return merged;
        });
    }

    static Duration backoff(int attempts) {
        long seconds = FIRST_BACKOFF.toSeconds() << Math.min(attempts - 1, 10);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }

    private static void runQuietly(String name, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            logger.warn("After stopping sandbox '{}': {}", name, e.toString());
        }
    }
}

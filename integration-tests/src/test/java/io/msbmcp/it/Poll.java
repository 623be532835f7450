package io.msbmcp.it;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a condition by polling it: no fixed sleeps, a deadline, and a message that says what never happened. */
final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {}

    /** Polls {@code condition} until it is true; fails after {@code timeout} with {@code what} in the message. */
    static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        value(what, timeout, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Polls {@code probe} until it has a value and returns it; fails after {@code timeout}. */
    static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError error = new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for "
                        + what + (last == null ? "" : " (last failure: " + last + ")"));
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            sleep(INTERVAL);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

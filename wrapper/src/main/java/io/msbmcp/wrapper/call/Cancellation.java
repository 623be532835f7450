package io.msbmcp.wrapper.call;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A one-shot signal that the caller has given up on a call. The MCP layer fires it; the wrapper listens and stops the
 * work (interrupts the code, ends the command) so the session is free at once. Thread-safe; firing twice is a no-op.
 */
public final class Cancellation {
    private final AtomicReference<@Nullable String> reason = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Fires the signal: runs every registered listener once, on the calling thread. */
    public void cancel(String why) {
        if (reason.compareAndSet(null, why)) {
            for (Runnable listener : listeners) {
                listener.run();
            }
        }
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** Why the call was cancelled, or null while it is not. */
    public @Nullable String reason() {
        return reason.get();
    }

    /**
     * Runs {@code listener} when the signal fires (at once if it has fired already). Close the returned registration
     * when the work it would stop is over.
     */
    public Registration onCancel(Runnable listener) {
        listeners.add(listener);
        if (isCancelled() && listeners.remove(listener)) {
            listener.run();
        }
        return () -> listeners.remove(listener);
    }

    /** A registered listener; closing it unregisters it. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}

package io.msbmcp.adapter.json;

import org.jspecify.annotations.Nullable;

/**
 * The JSON-RPC id of the request the current thread is handing to the SDK's stateful transport. The SDK writes its
 * transport errors (404 stale session, 500) by serializing an {@code McpError} synchronously on that thread, without
 * the id; {@link McpErrorEnvelopeSerializer} reads it from here so the envelope carries the request's id.
 */
public final class CurrentRequestId {
    private static final ThreadLocal<@Nullable Object> ID = new ThreadLocal<>();

    private CurrentRequestId() {}

    /** The id set on this thread, or null. */
    public static @Nullable Object get() {
        return ID.get();
    }

    /** Sets the id until the returned scope is closed. */
    public static Scope set(@Nullable Object id) {
        ID.set(id);
        return ID::remove;
    }

    /** Clears the id when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}

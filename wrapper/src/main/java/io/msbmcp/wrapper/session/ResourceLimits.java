package io.msbmcp.wrapper.session;

import io.msbmcp.errors.ResourceLimitException;
import io.msbmcp.wrapper.Flavor;
import org.jspecify.annotations.Nullable;

/**
 * Counts live sessions and the memory their flavors reserve against {@code MSB_MAX_SESSIONS} and {@code
 * MSB_MAX_TOTAL_MEMORY_MB}. A reservation is checked and taken in one step, so concurrent creations never overshoot.
 */
final class ResourceLimits {
    private final int maxSessions;
    private final @Nullable Long maxMemoryMb;
    private int sessions;
    private long memoryMb;

    ResourceLimits(int maxSessions, @Nullable Long maxMemoryMb) {
        this.maxSessions = maxSessions;
        this.maxMemoryMb = maxMemoryMb;
    }

    /** Reserves room for a session of {@code flavor}, or throws {@link ResourceLimitException}. */
    synchronized void reserve(Flavor flavor) {
        if (sessions >= maxSessions) {
            throw ResourceLimitException.sessionLimit(sessions, maxSessions);
        }
        if (maxMemoryMb != null && memoryMb + flavor.memoryMb() > maxMemoryMb) {
            throw ResourceLimitException.memoryLimit(flavor.id(), flavor.memoryMb(), memoryMb, maxMemoryMb);
        }
        sessions++;
        memoryMb += flavor.memoryMb();
    }

    synchronized void release(Flavor flavor) {
        sessions--;
        memoryMb -= flavor.memoryMb();
    }

    synchronized int sessions() {
        return sessions;
    }

    synchronized long memoryMb() {
        return memoryMb;
    }

    int maxSessions() {
        return maxSessions;
    }

    @Nullable
    Long maxMemoryMb() {
        return maxMemoryMb;
    }
}

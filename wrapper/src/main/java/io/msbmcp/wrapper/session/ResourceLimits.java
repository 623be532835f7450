package io.msbmcp.wrapper.session;

import io.msbmcp.errors.ResourceLimitException;
import io.msbmcp.wrapper.Flavor;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts the sessions that hold a sandbox (live ones, and stopped ones whose sandbox stop the backend has not yet
 * confirmed) and the memory their flavors reserve against {@code MSB_MAX_SESSIONS}, {@code MSB_MAX_TOTAL_MEMORY_MB}
 * and {@code MSB_MAX_SESSIONS_PER_PRINCIPAL}. A reservation is checked and taken in one step, so concurrent creations
 * never overshoot, and it is given back only once the sandbox is confirmed stopped, so the limits bound running
 * sandboxes, not just tracked sessions.
 */
final class ResourceLimits {
    private final int maxSessions;
    private final @Nullable Long maxMemoryMb;
    private final @Nullable Integer maxPerPrincipal;
    private final Map<String, Integer> perPrincipal = new HashMap<>();
    private int sessions;
    private long memoryMb;

    ResourceLimits(int maxSessions, @Nullable Long maxMemoryMb) {
        this(maxSessions, maxMemoryMb, null);
    }

    ResourceLimits(int maxSessions, @Nullable Long maxMemoryMb, @Nullable Integer maxPerPrincipal) {
        this.maxSessions = maxSessions;
        this.maxMemoryMb = maxMemoryMb;
        this.maxPerPrincipal = maxPerPrincipal;
    }

    /** Reserves room for a session of {@code flavor} owned by {@code principal}, or throws. */
    synchronized void reserve(String principal, Flavor flavor) {
        if (sessions >= maxSessions) {
            throw ResourceLimitException.sessionLimit(sessions, maxSessions);
        }
        int own = perPrincipal.getOrDefault(principal, 0);
        if (maxPerPrincipal != null && own >= maxPerPrincipal) {
            throw ResourceLimitException.principalSessionLimit(own, maxPerPrincipal);
        }
        if (maxMemoryMb != null && memoryMb + flavor.memoryMb() > maxMemoryMb) {
            throw ResourceLimitException.memoryLimit(flavor.id(), flavor.memoryMb(), memoryMb, maxMemoryMb);
        }
        sessions++;
        memoryMb += flavor.memoryMb();
        perPrincipal.merge(principal, 1, Integer::sum);
    }

    synchronized void release(String principal, Flavor flavor) {
        sessions--;
        memoryMb -= flavor.memoryMb();
        perPrincipal.computeIfPresent(principal, (key, count) -> count <= 1 ? null : count - 1);
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

package io.msbmcp.wrapper;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The wrapper's view of itself and its backend, for {@code GET /health}.
 *
 * @param connected true when the Microsandbox server answered its health check just now
 * @param serverUrl the Microsandbox server URL (never with credentials)
 * @param namespace the namespace this server's sandboxes live in
 * @param circuitBreaker the breaker state: closed, open or half_open
 * @param activeSessions live sessions
 * @param maxSessions {@code MSB_MAX_SESSIONS}
 * @param memoryInUseMb memory reserved by live sessions, in MiB
 * @param memoryLimitMb {@code MSB_MAX_TOTAL_MEMORY_MB}, or null when unlimited
 * @param sessionsCreated sessions created since start
 * @param executions code and command runs since start
 * @param orphansStopped orphaned sandboxes stopped since start
 * @param lastOrphanSweep when the orphan sweep last completed, or null if it has not yet
 */
public record HealthReport(
        boolean connected,
        String serverUrl,
        String namespace,
        String circuitBreaker,
        int activeSessions,
        int maxSessions,
        long memoryInUseMb,
        @Nullable Long memoryLimitMb,
        long sessionsCreated,
        long executions,
        long orphansStopped,
        @Nullable Instant lastOrphanSweep) {}

package io.msbmcp.wrapper;

import java.time.Instant;

/**
 * A live session as {@code get_sessions} shows it.
 *
 * @param sessionId the session's id
 * @param template the session's template
 * @param flavor the session's flavor
 * @param status starting, ready or running
 * @param createdAt when the session was created
 * @param lastAccessed when a call last started or ended
 * @param expiresAt when the session expires if it stays idle
 * @param namespace the Microsandbox namespace of its sandbox
 * @param sandboxName the Microsandbox name of its sandbox
 * @param executions how many code or command runs the session has served
 */
public record SessionInfo(
        String sessionId,
        Template template,
        Flavor flavor,
        SessionStatus status,
        Instant createdAt,
        Instant lastAccessed,
        Instant expiresAt,
        String namespace,
        String sandboxName,
        long executions) {}

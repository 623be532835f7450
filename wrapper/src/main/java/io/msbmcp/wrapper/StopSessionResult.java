package io.msbmcp.wrapper;

/**
 * The outcome of {@code stop_session}.
 *
 * @param sessionId the stopped session
 * @param stopped true once the session is gone and its sandbox has been stopped
 */
public record StopSessionResult(String sessionId, boolean stopped) {}

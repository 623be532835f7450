package io.msbmcp.wrapper;

import io.msbmcp.wrapper.config.WrapperConfig;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The wrapper around a Microsandbox server: sessions with one sandbox each, flavors, templates, volume mappings,
 * limits, orphan cleanup and background tasks. The MCP layer calls one method per tool.
 *
 * <p>Thread-safe. Calls on one session run one at a time in arrival order; calls on different sessions run in
 * parallel. Every failure is an {@link io.msbmcp.errors.MsbException}.
 */
public final class MicrosandboxWrapper implements AutoCloseable {
    private final WrapperConfig config;

    private MicrosandboxWrapper(WrapperConfig config) {
        this.config = config;
    }

    /** A wrapper talking to {@code config.serverUrl()} over HTTP, with retries and a circuit breaker. */
    public static MicrosandboxWrapper create(WrapperConfig config) {
        return new MicrosandboxWrapper(config);
    }

    /**
     * Starts the background tasks: the expiry sweep every {@code MSB_CLEANUP_INTERVAL} and the orphan sweep now and
     * every {@code MSB_ORPHAN_CLEANUP_INTERVAL}. Returns at once; an unreachable server is logged, not fatal.
     */
    public void start() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Runs code in the request's session (created if needed). The code failing is a result, not an exception. */
    public CodeExecutionResult executeCode(ExecuteCodeRequest request) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Runs a shell line in the request's session (created if needed). A non-zero exit is a result. */
    public CommandExecutionResult executeCommand(ExecuteCommandRequest request) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** All live sessions, or just the one named; an unknown id is a {@code SessionNotFoundException}. */
    public List<SessionInfo> getSessions(@Nullable String sessionId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Stops a session and its sandbox; an unknown id is a {@code SessionNotFoundException}. */
    public StopSessionResult stopSession(String sessionId) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The host folders shared with every sandbox. */
    public List<VolumeMapping> volumeMappings() {
        return config.volumeMappings();
    }

    /** Probes the Microsandbox server now and reports it with the session figures. Never throws. */
    public HealthReport health() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public WrapperConfig config() {
        return config;
    }

    /** Stops the background tasks and every sandbox this wrapper started, then releases the HTTP client. */
    @Override
    public void close() {}
}

package io.msbmcp.wrapper.client;

import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.model.SandboxConfig;
import io.msbmcp.wrapper.model.SandboxStatus;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The legacy Microsandbox server API ({@code GET /api/v1/health}, {@code POST /api/v1/rpc}).
 *
 * <p>Failures: {@link io.msbmcp.errors.ConnectionException} when the server cannot be reached, does not answer in time,
 * answers something that is not its API, or the circuit breaker is open; {@link io.msbmcp.errors.ConfigurationException}
 * when it rejects the API key (401/403); {@link SandboxApiException} when it answers a call with an API error (the
 * caller knows the session and turns it into the right error).
 */
public interface MicrosandboxClient extends AutoCloseable {

    /** Checks {@code GET /api/v1/health}; returns normally only on HTTP 200. */
    void health();

    /** {@code sandbox.start}; returns the server's result message (it may say the start is not yet verified). */
    String startSandbox(String namespace, String sandbox, SandboxConfig config);

    /** {@code sandbox.stop}; stopping a sandbox that is not running succeeds. */
    void stopSandbox(String namespace, String sandbox);

    /** {@code sandbox.metrics.get} ({@code sandbox.getStatus} on servers before v0.2.2). */
    List<SandboxStatus> metrics(String namespace, @Nullable String sandbox);

    /** {@code sandbox.repl.run}; never retried. */
    ReplRunResult runRepl(ReplRunParams params);

    /** {@code sandbox.command.run} ({@code sandbox.command.execute} before v0.2.2); never retried. */
    CommandRunResult runCommand(CommandRunParams params);

    /**
     * {@code sandbox.repl.run} that the caller can abandon: once {@code abort} fires, the HTTP call is dropped and this
     * throws {@link java.util.concurrent.CancellationException} (the run may go on in the sandbox). Never retried.
     */
    default ReplRunResult runRepl(ReplRunParams params, Cancellation abort) {
        return runRepl(params);
    }

    /** {@code sandbox.command.run} that the caller can abandon, like {@link #runRepl(ReplRunParams, Cancellation)}. */
    default CommandRunResult runCommand(CommandRunParams params, Cancellation abort) {
        return runCommand(params);
    }

    /** The circuit breaker's state as shown in health: {@code closed}, {@code open} or {@code half_open}. */
    default String circuitBreakerState() {
        return "closed";
    }

    @Override
    void close();
}

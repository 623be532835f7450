package io.msbmcp.wrapper.session;

import io.msbmcp.errors.MsbException;
import io.msbmcp.errors.SandboxCreationException;
import io.msbmcp.wrapper.VolumeMapping;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.model.SandboxConfig;
import io.msbmcp.wrapper.model.SandboxStatus;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and stops the sandboxes behind sessions, and tells whether one is still running. */
public final class SandboxLifecycle {
    private static final Logger logger = LoggerFactory.getLogger(SandboxLifecycle.class);

    private final MicrosandboxClient client;
    private final String namespace;
    private final List<String> volumes;
    private final BooleanSupplier shuttingDown;

    public SandboxLifecycle(
            MicrosandboxClient client, String namespace, List<VolumeMapping> volumes, BooleanSupplier shuttingDown) {
        this.client = client;
        this.namespace = namespace;
        this.volumes = volumes.stream().map(VolumeMapping::toVolumeSpec).collect(Collectors.toList());
        this.shuttingDown = shuttingDown;
    }

    /**
     * Starts the session's sandbox with its template's image, its flavor's CPUs and memory, and the volume mappings.
     * The caller holds the session's lock. If the session was stopped or the wrapper began shutting down while the
     * start was in flight, the new sandbox is stopped again at once, so nothing is left running.
     */
    public void start(Session session) {
        String name = session.sandboxName();
        SandboxConfig config = new SandboxConfig(
                session.template().image(),
                session.flavor().memoryMb(),
                session.flavor().cpus(),
                volumes);
        long started = System.nanoTime();
        String message;
        try {
            message = client.startSandbox(namespace, name, config);
        } catch (SandboxApiException e) {
            throw SandboxCreationException.startFailed(
                    session.id(),
                    name,
                    session.template().image(),
                    session.flavor().id(),
                    e.describe());
        }
        if (message != null && (message.contains("timed out waiting") || message.contains("couldn't verify"))) {
            logger.warn("Sandbox '{}' started but not yet verified by the server: {}", name, message);
        }
        logger.info(
                "Sandbox '{}' of session '{}' started in {} ms",
                name,
                session.id(),
                (System.nanoTime() - started) / 1_000_000);
        if (session.isClosed() || shuttingDown.getAsBoolean()) {
            // the caller's failure path stops it (with retries), so nothing is left running
            throw SandboxCreationException.startFailed(
                    session.id(),
                    name,
                    session.template().image(),
                    session.flavor().id(),
                    "the session was stopped while its sandbox was starting");
        }
        session.markStarted();
    }

    /** Stops a sandbox; failures propagate. Stopping one that is not running succeeds. */
    public void stop(String sandboxName) {
        client.stopSandbox(namespace, sandboxName);
        logger.info("Sandbox '{}' stopped", sandboxName);
    }

    /**
     * Stops a sandbox and tells whether the backend confirmed it: it answered the stop, or it says the sandbox (or its
     * namespace) does not exist or does not run. Any other failure is {@link StopOutcome#failed}: the sandbox may
     * still run. The legacy server answers a stop of a name it does not know with a masked 500, exactly as it answers a
     * stop that really failed, so a 500 is followed by a listing of the sandbox to tell the two apart.
     */
    public StopOutcome stopConfirmed(String sandboxName) {
        try {
            client.stopSandbox(namespace, sandboxName);
            logger.info("Sandbox '{}' stopped", sandboxName);
            return StopOutcome.STOPPED;
        } catch (SandboxApiException e) {
            if (namespaceMissing(e) || isConfirmedNotRunning(sandboxName)) {
                logger.debug("Sandbox '{}' does not run (stop answered {})", sandboxName, e.describe());
                return StopOutcome.NOT_RUNNING;
            }
            return StopOutcome.failed(e.describe());
        } catch (MsbException e) {
            return StopOutcome.failed(e.getMessage());
        }
    }

    /** True only when the backend answers that the sandbox is not running or unknown; false when it cannot tell. */
    public boolean isConfirmedNotRunning(String sandboxName) {
        try {
            return client.metrics(namespace, sandboxName).stream()
                    .filter(status -> sandboxName.equals(status.name()))
                    .noneMatch(SandboxStatus::running);
        } catch (SandboxApiException e) {
            return namespaceMissing(e);
        } catch (MsbException e) {
            return false;
        }
    }

    private static boolean namespaceMissing(SandboxApiException e) {
        String message = e.serverMessage();
        return e.httpStatus() == 400
                && (message.contains("does not exist") || message.contains("Configuration file not found"));
    }

    /** Stops a sandbox, logging instead of throwing; the orphan sweep retries what fails here. Returns success. */
    public boolean stopQuietly(String sandboxName) {
        try {
            stop(sandboxName);
            return true;
        } catch (SandboxApiException | MsbException e) {
            logger.warn("Could not stop sandbox '{}' ({}); the orphan sweep will retry", sandboxName, e.getMessage());
            return false;
        }
    }

    /**
     * Stops a sandbox whose start failed, in case the server started it after all. A failure here is expected (the
     * server often knows no such sandbox) and only logged at DEBUG: the orphan sweep covers what is left.
     */
    public void stopAfterFailedStart(String sandboxName) {
        try {
            stop(sandboxName);
        } catch (SandboxApiException | MsbException e) {
            logger.debug("Sandbox '{}' after a failed start: stop answered {}", sandboxName, e.getMessage());
        }
    }

    /**
     * True when the server says the sandbox is not running (or does not know it). False when it runs or the server
     * cannot be asked, so a transient fault never makes a session look gone.
     */
    public boolean isGone(String sandboxName) {
        try {
            return client.metrics(namespace, sandboxName).stream()
                    .filter(status -> sandboxName.equals(status.name()))
                    .noneMatch(SandboxStatus::running);
        } catch (SandboxApiException e) {
            return true;
        } catch (MsbException e) {
            return false;
        }
    }
}

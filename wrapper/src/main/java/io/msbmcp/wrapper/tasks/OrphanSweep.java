package io.msbmcp.wrapper.tasks;

import io.msbmcp.errors.MsbException;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.model.SandboxStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops running sandboxes of this server's namespace that no live session owns: leftovers of a crash or of a stop
 * that failed. It lists only its own namespace and checks the namespace of every entry, so it never touches another
 * namespace. The set of owned names is read after the listing, so a sandbox started meanwhile is never taken for an
 * orphan.
 */
public final class OrphanSweep {
    private static final Logger logger = LoggerFactory.getLogger(OrphanSweep.class);

    private final MicrosandboxClient client;
    private final String namespace;
    private final Supplier<Set<String>> ownedSandboxes;
    private final Clock clock;
    private final AtomicLong stopped = new AtomicLong();
    private volatile @Nullable Instant lastCompleted;

    public OrphanSweep(MicrosandboxClient client, String namespace, Supplier<Set<String>> ownedSandboxes, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.ownedSandboxes = ownedSandboxes;
        this.clock = clock;
    }

    /** Runs one sweep and returns how many orphans it stopped; fails only when the listing fails. */
    public int sweep() {
        List<SandboxStatus> sandboxes;
        try {
            sandboxes = client.metrics(namespace, null);
        } catch (SandboxApiException e) {
            if (e.httpStatus() == 400 && e.serverMessage().contains("does not exist")) {
                sandboxes = List.of(); // the namespace was never used: nothing can be left over
            } else {
                throw e;
            }
        }
        Set<String> owned = ownedSandboxes.get();
        int count = 0;
        for (SandboxStatus sandbox : sandboxes) {
            boolean ours = sandbox.namespace() == null || namespace.equals(sandbox.namespace());
            if (!ours || !sandbox.running() || owned.contains(sandbox.name())) {
                continue;
            }
            try {
                client.stopSandbox(namespace, sandbox.name());
                count++;
                logger.info("Orphan sweep stopped sandbox '{}' in namespace '{}'", sandbox.name(), namespace);
            } catch (SandboxApiException | MsbException e) {
                logger.warn("Orphan sweep could not stop sandbox '{}': {}", sandbox.name(), e.getMessage());
            }
        }
        stopped.addAndGet(count);
        lastCompleted = clock.instant();
        return count;
    }

    /** Runs one sweep, logging instead of throwing: a background task must survive its own failures. */
    public boolean sweepQuietly() {
        try {
            sweep();
            return true;
        } catch (RuntimeException e) {
            logger.warn("Orphan sweep of namespace '{}' failed: {}", namespace, e.getMessage());
            return false;
        }
    }

    /** Orphans stopped since start. */
    public long stoppedCount() {
        return stopped.get();
    }

    /** When the last sweep completed. */
    public Optional<Instant> lastCompleted() {
        return Optional.ofNullable(lastCompleted);
    }
}

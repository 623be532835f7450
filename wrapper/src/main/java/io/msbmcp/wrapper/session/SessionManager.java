package io.msbmcp.wrapper.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.errors.ResourceLimitException;
import io.msbmcp.wrapper.Flavor;
import io.msbmcp.wrapper.Template;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sessions, in a Caffeine cache whose per-entry expiry is the idle timeout while no call holds the session
 * and never while one does. Taking and returning a lease are atomic updates of the entry, so a session cannot expire
 * between being found and being used, and two first calls with one new id create one session.
 */
public final class SessionManager {
    private static final Logger logger = LoggerFactory.getLogger(SessionManager.class);

    private final Cache<String, Session> sessions;
    private final ResourceLimits limits;
    private final Clock clock;
    private final Duration idleTimeout;
    private final AtomicLong createdCount = new AtomicLong();

    /**
     * @param idleTimeout how long a session may stay idle ({@code MSB_SESSION_TIMEOUT})
     * @param maxSessions {@code MSB_MAX_SESSIONS}
     * @param maxMemoryMb {@code MSB_MAX_TOTAL_MEMORY_MB}, or null
     * @param ticker time source of expiry (a fake one in tests)
     * @param clock wall clock for the timestamps shown to callers
     * @param executor runs {@code onExpired} (the cache's own upkeep runs on the thread that triggers it: it is a few
     *     microseconds, cheaper than handing it to another thread on every call)
     * @param onExpired stops the sandbox of a session that expired
     */
    public SessionManager(
            Duration idleTimeout,
            int maxSessions,
            @Nullable Long maxMemoryMb,
            Ticker ticker,
            Clock clock,
            Executor executor,
            Consumer<Session> onExpired) {
        this.limits = new ResourceLimits(maxSessions, maxMemoryMb);
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.sessions = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfter(new IdleExpiry(idleTimeout.toNanos()))
                .evictionListener((String id, @Nullable Session session, RemovalCause cause) -> {
                    if (session != null) {
                        session.close();
                        releaseLimits(session);
                    }
                })
                .removalListener((String id, @Nullable Session session, RemovalCause cause) -> {
                    if (session != null && cause.wasEvicted()) {
                        logger.info(
                                "Session '{}' expired after {} s idle; stopping its sandbox",
                                id,
                                idleTimeout.toSeconds());
                        executor.execute(() -> onExpired.accept(session));
                    }
                })
                .build();
    }

    /**
     * Takes a lease on the session {@code requestedId} (or a new one when null or unknown), creating it if needed with
     * {@code template} (python when null) and {@code flavor} (the default when null). Creation reserves resources and
     * may throw {@link ResourceLimitException}; reusing a live session never does, and keeps the session's own
     * template and flavor: a null template means "whatever the session has", another template than its own is an
     * {@link InvalidArgumentException}, and the flavor is ignored. Every lease must be returned with {@link
     * #release(Lease)}.
     */
    public Lease acquire(
            @Nullable String requestedId, @Nullable Template template, @Nullable Flavor flavor, Flavor defaultFlavor) {
        String id = requestedId != null ? requestedId : SessionIds.newSessionId();
        Template newTemplate = template != null ? template : Template.PYTHON;
        Flavor newFlavor = flavor != null ? flavor : defaultFlavor;
        Lease lease;
        try {
            lease = tryAcquire(id, newTemplate, newFlavor);
        } catch (ResourceLimitException e) {
            sessions.cleanUp(); // expired sessions still hold their reservation until evicted
            lease = tryAcquire(id, newTemplate, newFlavor);
        }
        Session session = lease.session();
        if (!lease.created() && template != null && session.template() != template) {
            release(lease);
            throw InvalidArgumentException.templateMismatch(
                    id, session.template().id(), template.id());
        }
        return lease;
    }

    private Lease tryAcquire(String id, Template template, Flavor flavor) {
        boolean[] created = {false};
        Session session = sessions.asMap().compute(id, (key, existing) -> {
            if (existing != null && !existing.isClosed()) {
                existing.beginCall(clock.instant());
                return existing;
            }
            limits.reserve(flavor);
            Session fresh = new Session(key, template, flavor, SessionIds.newSandboxName(key), clock.instant());
            fresh.beginCall(clock.instant());
            created[0] = true;
            return fresh;
        });
        if (created[0]) {
            createdCount.incrementAndGet();
            logger.info(
                    "Session '{}' created ({}, {}, sandbox '{}')",
                    id,
                    template.id(),
                    flavor.id(),
                    session.sandboxName());
        }
        return new Lease(session, created[0]);
    }

    /** Returns a lease; the session's idle clock starts when its last lease is returned. */
    public void release(Lease lease) {
        Session session = lease.session();
        boolean[] ended = {false};
        sessions.asMap().computeIfPresent(session.id(), (id, current) -> {
            if (current == session) {
                current.endCall(clock.instant());
                ended[0] = true;
            }
            return current;
        });
        if (!ended[0]) {
            session.endCall(clock.instant()); // removed meanwhile: keep its count honest all the same
        }
    }

    /** The live session with this id, if any. */
    public Optional<Session> find(String id) {
        Session session = sessions.getIfPresent(id);
        return session == null || session.isClosed() ? Optional.empty() : Optional.of(session);
    }

    /** Every live session. */
    public List<Session> all() {
        return sessions.asMap().values().stream().filter(s -> !s.isClosed()).collect(Collectors.toList());
    }

    /**
     * Removes the session (stop_session, shutdown) and releases its resources at once, so a new session may take its
     * place immediately. The caller stops the sandbox.
     */
    public Optional<Session> remove(String id) {
        Session session = sessions.asMap().remove(id);
        if (session == null) {
            return Optional.empty();
        }
        boolean first = session.close();
        releaseLimits(session);
        return first ? Optional.of(session) : Optional.empty();
    }

    /** Removes exactly this session object if it is still registered (its sandbox failed to start or is gone). */
    public void drop(Session session) {
        if (sessions.asMap().remove(session.id(), session)) {
            session.close();
            releaseLimits(session);
        } else {
            session.close();
        }
    }

    /** Names of the sandboxes of every live session, including ones being started. */
    public Set<String> trackedSandboxNames() {
        return sessions.asMap().values().stream().map(Session::sandboxName).collect(Collectors.toSet());
    }

    /** Evicts idle sessions whose timeout has passed; their sandboxes are stopped by the expiry callback. */
    public void sweepExpired() {
        sessions.cleanUp();
    }

    public int activeSessions() {
        return limits.sessions();
    }

    public int maxSessions() {
        return limits.maxSessions();
    }

    public long memoryInUseMb() {
        return limits.memoryMb();
    }

    public @Nullable Long maxMemoryMb() {
        return limits.maxMemoryMb();
    }

    public long sessionsCreated() {
        return createdCount.get();
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    private void releaseLimits(Session session) {
        if (session.markLimitsReleased()) {
            limits.release(session.flavor());
        }
    }

    /** A session taken for one call, and whether this call created it. */
    public record Lease(Session session, boolean created) {}

    /** Idle timeout while no call holds the session; no expiry while one does. */
    private static final class IdleExpiry implements Expiry<String, Session> {
        private final long idleNanos;

        IdleExpiry(long idleNanos) {
            this.idleNanos = idleNanos;
        }

        private long duration(Session session) {
            return session.inFlight() > 0 ? Long.MAX_VALUE : idleNanos;
        }

        @Override
        public long expireAfterCreate(String key, Session session, long currentTime) {
            return duration(session);
        }

        @Override
        public long expireAfterUpdate(String key, Session session, long currentTime, long currentDuration) {
            return duration(session);
        }

        @Override
        public long expireAfterRead(String key, Session session, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}

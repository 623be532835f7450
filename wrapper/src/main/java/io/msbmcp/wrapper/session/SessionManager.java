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

    private static final String DEFAULT_OWNER = io.msbmcp.wrapper.call.CallContext.DEFAULT_PRINCIPAL;

    private final Cache<SessionKey, Session> sessions;
    private final ResourceLimits limits;
    private final Clock clock;
    private final Duration idleTimeout;
    private final AtomicLong createdCount = new AtomicLong();

    /**
     * @param idleTimeout how long a session may stay idle ({@code MSB_SESSION_TIMEOUT})
     * @param maxSessions {@code MSB_MAX_SESSIONS}
     * @param maxMemoryMb {@code MSB_MAX_TOTAL_MEMORY_MB}, or null
     * @param maxSessionsPerPrincipal {@code MSB_MAX_SESSIONS_PER_PRINCIPAL}, or null
     * @param ticker time source of expiry (a fake one in tests)
     * @param clock wall clock for the timestamps shown to callers
     * @param executor runs {@code onExpired} (the cache's own upkeep runs on the thread that triggers it: it is a few
     *     microseconds, cheaper than handing it to another thread on every call)
     * @param onExpired stops the sandbox of a session that expired, and calls {@link #freeResources} once the backend
     *     confirms the stop
     */
    public SessionManager(
            Duration idleTimeout,
            int maxSessions,
            @Nullable Long maxMemoryMb,
            @Nullable Integer maxSessionsPerPrincipal,
            Ticker ticker,
            Clock clock,
            Executor executor,
            Consumer<Session> onExpired) {
        this.limits = new ResourceLimits(maxSessions, maxMemoryMb, maxSessionsPerPrincipal);
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.sessions = Caffeine.newBuilder()
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfter(new IdleExpiry(idleTimeout.toNanos()))
                .evictionListener((SessionKey key, @Nullable Session session, RemovalCause cause) -> {
                    if (session != null) {
                        session.close();
                    }
                })
                .removalListener((SessionKey key, @Nullable Session session, RemovalCause cause) -> {
                    if (session != null && cause.wasEvicted()) {
                        logger.info(
                                "Session '{}' expired after {} s idle; stopping its sandbox",
                                key.id(),
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
        return acquire(DEFAULT_OWNER, requestedId, template, flavor, defaultFlavor);
    }

    /**
     * As {@link #acquire(String, Template, Flavor, Flavor)} for {@code principal}: sessions are looked up among the
     * principal's own, so another principal's session with the same id is never found, and a new session is the
     * principal's.
     */
    public Lease acquire(
            String principal,
            @Nullable String requestedId,
            @Nullable Template template,
            @Nullable Flavor flavor,
            Flavor defaultFlavor) {
        String id = requestedId != null ? requestedId : SessionIds.newSessionId();
        Template newTemplate = template != null ? template : Template.PYTHON;
        Flavor newFlavor = flavor != null ? flavor : defaultFlavor;
        Lease lease;
        try {
            lease = tryAcquire(new SessionKey(principal, id), newTemplate, newFlavor);
        } catch (ResourceLimitException e) {
            sessions.cleanUp(); // expired sessions still hold their reservation until evicted
            lease = tryAcquire(new SessionKey(principal, id), newTemplate, newFlavor);
        }
        Session session = lease.session();
        if (!lease.created() && template != null && session.template() != template) {
            release(lease);
            throw InvalidArgumentException.templateMismatch(
                    id, session.template().id(), template.id());
        }
        return lease;
    }

    private Lease tryAcquire(SessionKey sessionKey, Template template, Flavor flavor) {
        String id = sessionKey.id();
        boolean[] created = {false};
        Session session = sessions.asMap().compute(sessionKey, (key, existing) -> {
            if (existing != null && !existing.isClosed()) {
                existing.beginCall(clock.instant());
                return existing;
            }
            limits.reserve(key.principal(), flavor);
            Session fresh = new Session(
                    key.id(), key.principal(), template, flavor, SessionIds.newSandboxName(key.id()), clock.instant());
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

    /**
     * Takes a lease on the live session {@code id} if there is one; never creates a session (the file tools that read
     * need an existing one). Another principal's session is never found. Every lease must be returned with {@link #release(Lease)}.
     */
    public Optional<Lease> acquireExisting(String principal, String id) {
        boolean[] found = {false};
        Session session = sessions.asMap().computeIfPresent(new SessionKey(principal, id), (key, existing) -> {
            if (!existing.isClosed()) {
                existing.beginCall(clock.instant());
                found[0] = true;
            }
            return existing;
        });
        return found[0] && session != null ? Optional.of(new Lease(session, false)) : Optional.empty();
    }

    /** Returns a lease; the session's idle clock starts when its last lease is returned. */
    public void release(Lease lease) {
        Session session = lease.session();
        boolean[] ended = {false};
        sessions.asMap().computeIfPresent(SessionKey.of(session), (key, current) -> {
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

    /** The live session with this id of the default principal, if any. */
    public Optional<Session> find(String id) {
        return find(DEFAULT_OWNER, id);
    }

    /** The live session of {@code principal} with this id, if any; another principal's is never found. */
    public Optional<Session> find(String principal, String id) {
        Session session = sessions.getIfPresent(new SessionKey(principal, id));
        return session == null || session.isClosed() ? Optional.empty() : Optional.of(session);
    }

    /** Every live session, of every principal. */
    public List<Session> all() {
        return sessions.asMap().values().stream().filter(s -> !s.isClosed()).collect(Collectors.toList());
    }

    /** Every live session of {@code principal}. */
    public List<Session> all(String principal) {
        return all().stream().filter(s -> s.principal().equals(principal)).collect(Collectors.toList());
    }

    /**
     * Removes the default principal's session (stop_session, shutdown). Its resources stay reserved until the caller
     * has stopped the sandbox and calls {@link #freeResources}.
     */
    public Optional<Session> remove(String id) {
        return remove(DEFAULT_OWNER, id);
    }

    /**
     * Removes {@code principal}'s session (stop_session, shutdown). Its resources stay reserved until the caller has
     * stopped the sandbox and calls {@link #freeResources}, so the limits bound running sandboxes.
     */
    public Optional<Session> remove(String principal, String id) {
        Session session = sessions.asMap().remove(new SessionKey(principal, id));
        if (session == null) {
            return Optional.empty();
        }
        boolean first = session.close();
        return first ? Optional.of(session) : Optional.empty();
    }

    /**
     * Removes exactly this session object if it is still registered (its sandbox failed to start or is gone). Its
     * resources stay reserved until the caller calls {@link #freeResources}.
     */
    public void drop(Session session) {
        sessions.asMap().remove(SessionKey.of(session), session);
        session.close();
    }

    /** Gives the session's slot and memory back: its sandbox is confirmed stopped (or never ran). Idempotent. */
    public void freeResources(Session session) {
        releaseLimits(session);
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
            limits.release(session.principal(), session.flavor());
        }
    }

    /** A session taken for one call, and whether this call created it. */
    public record Lease(Session session, boolean created) {}

    /** A session's place in the registry: ids are unique per principal. */
    private record SessionKey(String principal, String id) {
        static SessionKey of(Session session) {
            return new SessionKey(session.principal(), session.id());
        }
    }

    /** Idle timeout while no call holds the session; no expiry while one does. */
    private static final class IdleExpiry implements Expiry<SessionKey, Session> {
        private final long idleNanos;

        IdleExpiry(long idleNanos) {
            this.idleNanos = idleNanos;
        }

        private long duration(Session session) {
            return session.inFlight() > 0 ? Long.MAX_VALUE : idleNanos;
        }

        @Override
        public long expireAfterCreate(SessionKey key, Session session, long currentTime) {
            return duration(session);
        }

        @Override
        public long expireAfterUpdate(SessionKey key, Session session, long currentTime, long currentDuration) {
            return duration(session);
        }

        @Override
        public long expireAfterRead(SessionKey key, Session session, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}

package io.msbmcp.adapter.protocol;

import io.msbmcp.wrapper.call.Cancellation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MCP sessions of the 2025 revisions ({@code Mcp-Session-Id}): created by {@code initialize}, owned by the
 * principal that created them (another principal sees them as unknown), ended by DELETE, and dropped once idle for
 * longer than the idle timeout (no request and nothing running). Each session keeps the cancellation signals of its
 * running requests, so {@code notifications/cancelled} can fire the right one. Time comes from an injected clock.
 */
final class LegacySessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration idleTimeout;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** One MCP session. */
    static final class Session {
        private final String id;
        private final String principal;
        private final String protocolVersion;
        private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
        private volatile Instant lastUsed;

        private Session(String id, String principal, String protocolVersion, Instant now) {
            this.id = id;
            this.principal = principal;
            this.protocolVersion = protocolVersion;
            this.lastUsed = now;
        }

        String id() {
            return id;
        }

        String protocolVersion() {
            return protocolVersion;
        }

        /**
         * Registers a running request; close the returned handle when it ends. A second request with the same id
         * replaces the first one's entry (ids are the client's to choose).
         */
        Running start(String requestId, Cancellation cancellation) {
            running.put(requestId, cancellation);
            return () -> running.remove(requestId, cancellation);
        }

        /** Fires the cancellation of the running request {@code requestId}; false when none runs under that id. */
        boolean cancel(String requestId, String reason) {
            Cancellation cancellation = running.get(requestId);
            if (cancellation == null) {
                return false;
            }
            cancellation.cancel(reason);
            return true;
        }

        private void cancelAll(String reason) {
            running.values().forEach(c -> c.cancel(reason));
        }
    }

    /** A running request's registration. */
    @FunctionalInterface
    interface Running extends AutoCloseable {
        @Override
        void close();
    }

    LegacySessions(Clock clock, Duration idleTimeout) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    /** A new session of {@code principal} speaking {@code protocolVersion}. */
    Session create(String principal, String protocolVersion) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Session session = new Session(id, principal, protocolVersion, clock.instant());
        sessions.put(id, session);
        return session;
    }

    /** The live session {@code id} of {@code principal}, marked as used now; empty when unknown, expired or foreign. */
    Optional<Session> use(String id, String principal) {
        Session session = sessions.get(id);
        if (session == null || !session.principal.equals(principal)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        session.lastUsed = now;
        return Optional.of(session);
    }

    /** Ends session {@code id} of {@code principal}, cancelling what runs in it; false when there is none. */
    boolean end(String id, String principal) {
        Optional<Session> session = use(id, principal);
        if (session.isEmpty() || !sessions.remove(id, session.get())) {
            return false;
        }
        session.get().cancelAll("the MCP session was ended");
        return true;
    }

    /** Drops every expired session; returns how many went. */
    int sweep() {
        Instant now = clock.instant();
        int[] removed = {0};
        sessions.values().removeIf(session -> {
            boolean gone = expired(session, now);
            if (gone) {
                removed[0]++;
            }
            return gone;
        });
        return removed[0];
    }

    /** The number of live sessions (expired ones not yet swept included). */
    int size() {
        return sessions.size();
    }

    /** Forgets every session (shutdown; running requests are left to finish). */
    void clear() {
        sessions.clear();
    }

    private boolean expired(Session session, Instant now) {
        return session.running.isEmpty() && session.lastUsed.plus(idleTimeout).isBefore(now);
    }
}

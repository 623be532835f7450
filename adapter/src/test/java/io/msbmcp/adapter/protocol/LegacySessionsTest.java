package io.msbmcp.adapter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.adapter.testing.MovableClock;
import io.msbmcp.wrapper.call.Cancellation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** MCP sessions: owned by a principal, expiring when idle (on an injected clock), cancelling by request id. */
final class LegacySessionsTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final LegacySessions sessions = new LegacySessions(clock, Duration.ofMinutes(30));

    private void advance(Duration duration) {
        clock.advance(duration);
    }

    @Test
    void use_byAnotherPrincipal_isNotFound() {
        LegacySessions.Session session = sessions.create("alice", "2025-11-25");

        assertThat(sessions.use(session.id(), "bob")).isEmpty();
        assertThat(sessions.use(session.id(), "alice")).contains(session);
    }

    @Test
    void use_afterIdleTimeout_isNotFoundAndSweepDropsIt() {
        LegacySessions.Session session = sessions.create("alice", "2025-11-25");
        advance(Duration.ofMinutes(29));
        assertThat(sessions.use(session.id(), "alice")).isPresent();

        advance(Duration.ofMinutes(31));

        assertThat(sessions.sweep()).isEqualTo(1);
        assertThat(sessions.use(session.id(), "alice")).isEmpty();
    }

    @Test
    void idleTimeout_doesNotEndASessionWithARunningRequest() {
        LegacySessions.Session session = sessions.create("alice", "2025-11-25");
        LegacySessions.Running running = session.start("1", new Cancellation());

        advance(Duration.ofHours(2));

        assertThat(sessions.sweep()).isZero();
        running.close();
        advance(Duration.ofMinutes(31));
        assertThat(sessions.sweep()).isEqualTo(1);
    }

    @Test
    void cancel_firesOnlyTheNamedRunningRequest() {
        LegacySessions.Session session = sessions.create("alice", "2025-11-25");
        Cancellation first = new Cancellation();
        Cancellation second = new Cancellation();
        session.start("1", first);
        session.start("2", second);

        assertThat(session.cancel("2", "stop")).isTrue();
        assertThat(session.cancel("3", "stop")).isFalse();

        assertThat(first.isCancelled()).isFalse();
        assertThat(second.reason()).isEqualTo("stop");
    }

    @Test
    void end_cancelsWhatRunsAndForgetsTheSession() {
        LegacySessions.Session session = sessions.create("alice", "2025-11-25");
        Cancellation running = new Cancellation();
        session.start("1", running);

        assertThat(sessions.end(session.id(), "bob")).isFalse();
        assertThat(sessions.end(session.id(), "alice")).isTrue();

        assertThat(running.isCancelled()).isTrue();
        assertThat(sessions.use(session.id(), "alice")).isEmpty();
    }
}

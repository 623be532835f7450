package io.msbmcp.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.errors.ConnectionException;
import io.msbmcp.errors.ErrorCode;
import io.msbmcp.errors.ResourceLimitException;
import io.msbmcp.errors.SessionNotFoundException;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stops the backend does not confirm, sessions kept apart per principal, and starts that complete late. */
@Timeout(30)
final class StopAndPrincipalsTest {
    private static final CallContext ALICE = CallContext.of("alice");
    private static final CallContext BOB = CallContext.of("bob");

    private final FakeMicrosandbox server = new FakeMicrosandbox();
    private final FakeTicker ticker = new FakeTicker();
    private MicrosandboxWrapper wrapper = wrapper(WrapperConfig.builder().namespace("ns1"));

    private MicrosandboxWrapper wrapper(WrapperConfig.Builder config) {
        return MicrosandboxWrapper.builder(config.build())
                .client(server)
                .ticker(ticker)
                .clock(Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC))
                .stopExecutor(Runnable::run)
                .build();
    }

    @AfterEach
    void tearDown() {
        server.stopFailure = null;
        wrapper.close();
    }

    private static ExecuteCodeRequest code(String code, String sessionId) {
        return new ExecuteCodeRequest(code, Template.PYTHON, sessionId, null, null, List.of());
    }

    @Test
    void stopSession_backendAnswers500AndSandboxStillRuns_failsKeepsSlotAndRetriesUntilStopped() {
        wrapper = wrapper(WrapperConfig.builder().namespace("ns1").maxSessions(1));
        wrapper.executeCode(code("1", "s1"));
        server.stopFailure = new SandboxApiException("sandbox.stop", 500, 5002, "Internal server error");

        assertThatThrownBy(() -> wrapper.stopSession("s1")).isInstanceOfSatisfying(ConnectionException.class, e -> {
            assertThat(e.kind()).isEqualTo(ConnectionException.Kind.STOP_FAILED);
            assertThat(e.getMessage()).contains("'s1'").contains("keeps retrying");
        });
        assertThat(server.running("ns1")).hasSize(1);
        assertThat(wrapper.getSessions(null)).isEmpty();
        assertThatThrownBy(() -> wrapper.executeCode(code("1", "s2"))).isInstanceOf(ResourceLimitException.class);

        ticker.advance(Duration.ofSeconds(1));
        assertThat(wrapper.retryStopsNow()).isZero();
        server.stopFailure = null;
        ticker.advance(Duration.ofSeconds(10));
        assertThat(wrapper.retryStopsNow()).isEqualTo(1);

        assertThat(server.running("ns1")).isEmpty();
        assertThat(wrapper.health().activeSessions()).isZero();
        assertThat(wrapper.executeCode(code("1", "s2")).sessionCreated()).isTrue();
    }

    @Test
    void stopSession_backendUnreachable_isAnErrorNotStopped() {
        wrapper.executeCode(code("1", "s1"));
        server.stopFailure = ConnectionException.unreachable("http://fake", "sandbox.stop", "Connection refused");

        assertThatThrownBy(() -> wrapper.stopSession("s1")).isInstanceOf(ConnectionException.class);
        assertThat(wrapper.health().activeSessions()).isEqualTo(1);
    }

    @Test
    void stopSession_sandboxUnknownToTheBackend_isStopped() {
        wrapper.executeCode(code("1", "s1"));
        String sandbox = server.replRuns.get(0).sandbox();
        server.stopFailure = new SandboxApiException("sandbox.stop", 500, 5002, "Internal server error");
        server.kill("ns1", sandbox); // listed as not running: the 500 was "no such sandbox", not a failed stop

        assertThat(wrapper.stopSession("s1").stopped()).isTrue();
        assertThat(wrapper.health().activeSessions()).isZero();
    }

    @Test
    void expiredSession_stopFails_slotStaysTakenUntilTheStopIsConfirmed() {
        wrapper =
                wrapper(WrapperConfig.builder().namespace("ns1").maxSessions(1).sessionTimeout(Duration.ofSeconds(60)));
        wrapper.executeCode(code("1", "s1"));
        server.stopFailure = new SandboxApiException("sandbox.stop", 500, 5002, "Internal server error");

        ticker.advance(Duration.ofSeconds(61));
        wrapper.sweepExpiredNow();

        assertThat(wrapper.getSessions(null)).isEmpty();
        assertThat(wrapper.health().activeSessions()).isEqualTo(1);
        server.stopFailure = null;
        ticker.advance(Duration.ofSeconds(2));
        wrapper.retryStopsNow();
        assertThat(wrapper.health().activeSessions()).isZero();
        assertThat(server.running("ns1")).isEmpty();
    }

    @Test
    void startTimedOut_backendStartsItLate_stoppedByTheNextRetryAndSlotKeptUntilThen() {
        wrapper = wrapper(
                WrapperConfig.builder().namespace("ns1").maxSessions(1).sandboxStartTimeout(Duration.ofSeconds(20)));
        server.startFailure = ConnectionException.timedOut("http://fake", "sandbox.start", Duration.ofSeconds(50));
        assertThatThrownBy(() -> wrapper.executeCode(code("1", "s1"))).isInstanceOf(ConnectionException.class);
        String sandbox = server.calls.stream()
                .filter(c -> c.startsWith("start "))
                .findFirst()
                .orElseThrow()
                .substring(6);
        server.startFailure = null;
        assertThat(wrapper.health().activeSessions()).isEqualTo(1);

        server.startLate("ns1", sandbox);
        ticker.advance(Duration.ofSeconds(2));
        wrapper.retryStopsNow();
        assertThat(server.running("ns1")).isEmpty();
        assertThat(wrapper.health().activeSessions()).isEqualTo(1); // still watching: the start timeout has not passed

        ticker.advance(Duration.ofSeconds(50)); // start timeout 20 s + the client's 30 s margin
        wrapper.retryStopsNow();
        assertThat(wrapper.health().activeSessions()).isZero();
    }

    @Test
    void sessions_ofAnotherPrincipal_areNotFoundNotListedAndNotStopped() {
        CodeExecutionResult alice = wrapper.executeCode(code("x = 1", "shared-id"), ALICE);

        assertThat(wrapper.getSessions(null, BOB)).isEmpty();
        assertThat(wrapper.getSessions(null, ALICE))
                .extracting(SessionInfo::sessionId)
                .containsExactly("shared-id");
        assertThatThrownBy(() -> wrapper.getSessions("shared-id", BOB))
                .isInstanceOfSatisfying(
                        SessionNotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_NOT_FOUND));
        assertThatThrownBy(() -> wrapper.stopSession("shared-id", BOB)).isInstanceOf(SessionNotFoundException.class);
        CodeExecutionResult bob = wrapper.executeCode(code("print(1)", "shared-id"), BOB);

        assertThat(alice.sessionCreated()).isTrue();
        assertThat(bob.sessionCreated()).isTrue(); // a session of bob's own, exactly as for an id nobody uses
        assertThat(server.replRuns.get(1).sandbox())
                .isNotEqualTo(server.replRuns.get(0).sandbox());
        assertThat(wrapper.getSessions("shared-id", ALICE)).hasSize(1);
        assertThat(wrapper.stopSession("shared-id", ALICE).stopped()).isTrue();
        assertThat(wrapper.getSessions(null, BOB)).hasSize(1);
    }

    @Test
    void maxSessionsPerPrincipal_reached_refusesThatPrincipalOnly() {
        wrapper = wrapper(WrapperConfig.builder().namespace("ns1").maxSessionsPerPrincipal(1));
        wrapper.executeCode(code("1", "a1"), ALICE);

        assertThatThrownBy(() -> wrapper.executeCode(code("1", "a2"), ALICE))
                .isInstanceOfSatisfying(
                        ResourceLimitException.class,
                        e -> assertThat(e.getMessage()).contains("1 of the 1 sessions one caller may hold"));
        assertThat(wrapper.executeCode(code("1", "b1"), BOB).sessionCreated()).isTrue();
        wrapper.stopSession("a1", ALICE);
        assertThat(wrapper.executeCode(code("1", "a2"), ALICE).sessionCreated()).isTrue();
    }

    @Test
    void sandboxNames_doNotNameThePrincipal() {
        wrapper.executeCode(code("1", "s1"), CallContext.of("carol-the-principal"));

        assertThat(server.calls).noneMatch(c -> c.contains("carol"));
    }
}

package io.msbmcp.wrapper.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.msbmcp.wrapper.client.Fixtures.HEALTH_PATH;
import static io.msbmcp.wrapper.client.Fixtures.METRICS_RESULT;
import static io.msbmcp.wrapper.client.Fixtures.NAMESPACE;
import static io.msbmcp.wrapper.client.Fixtures.REPL_RESULT;
import static io.msbmcp.wrapper.client.Fixtures.RESILIENCE;
import static io.msbmcp.wrapper.client.Fixtures.SANDBOX;
import static io.msbmcp.wrapper.client.Fixtures.TIMEOUTS;
import static io.msbmcp.wrapper.client.Fixtures.json;
import static io.msbmcp.wrapper.client.Fixtures.requestsFor;
import static io.msbmcp.wrapper.client.Fixtures.result;
import static io.msbmcp.wrapper.client.Fixtures.rpc;
import static io.msbmcp.wrapper.client.Fixtures.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.errors.ConfigurationException;
import io.msbmcp.errors.ConnectionException;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.SandboxConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Retry (idempotent calls only) and circuit breaker (connection failures only), as built by the public factory. */
@Timeout(15)
final class ResilientMicrosandboxClientTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final ReplRunParams REPL = new ReplRunParams(SANDBOX, NAMESPACE, "python", "print(1)", null);
    private static final CommandRunParams LS = new CommandRunParams(SANDBOX, NAMESPACE, "ls", List.of(), null);
    private static final SandboxConfig PYTHON = new SandboxConfig("microsandbox/python", 1024, 1, List.of());

    private final MicrosandboxClient client =
            MicrosandboxClients.create(Fixtures.config(server).build(), TIMEOUTS, RESILIENCE);

    @AfterEach
    void closeClient() {
        client.close();
    }

    // --- retry ---

    @Test
    void stopSandbox_500TwiceThenOk_succeedsAfterExactlyThreeRequests() {
        server.stubFor(rpc("sandbox.stop")
                .inScenario("stop")
                .whenScenarioStateIs(STARTED)
                .willReturn(serverError())
                .willSetStateTo("failed once"));
        server.stubFor(rpc("sandbox.stop")
                .inScenario("stop")
                .whenScenarioStateIs("failed once")
                .willReturn(serverError())
                .willSetStateTo("failed twice"));
        server.stubFor(rpc("sandbox.stop")
                .inScenario("stop")
                .whenScenarioStateIs("failed twice")
                .willReturn(result("\"Sandbox session-abc stopped successfully\"")));

        client.stopSandbox(NAMESPACE, SANDBOX);

        assertThat(requestsFor(server, "sandbox.stop")).isEqualTo(3);
    }

    @Test
    void stopSandbox_500Always_throwsTheLast500AfterMaxAttempts() {
        server.stubFor(rpc("sandbox.stop").willReturn(serverError()));

        SandboxApiException e =
                catchThrowableOfType(SandboxApiException.class, () -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(requestsFor(server, "sandbox.stop")).isEqualTo(3);
    }

    @Test
    void metrics_connectionResetThenOk_isRetried() {
        server.stubFor(rpc("sandbox.metrics.get")
                .inScenario("metrics")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("reset once"));
        server.stubFor(rpc("sandbox.metrics.get")
                .inScenario("metrics")
                .whenScenarioStateIs("reset once")
                .willReturn(result(METRICS_RESULT)));

        assertThat(client.metrics(NAMESPACE, null)).hasSize(1);

        assertThat(requestsFor(server, "sandbox.metrics.get")).isEqualTo(2);
    }

    @Test
    void health_connectionResetThenOk_isRetried() {
        server.stubFor(get(urlEqualTo(HEALTH_PATH))
                .inScenario("health")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("reset once"));
        server.stubFor(get(urlEqualTo(HEALTH_PATH))
                .inScenario("health")
                .whenScenarioStateIs("reset once")
                .willReturn(json(200, "{\"message\":\"Service is healthy\"}")));

        client.health();

        assertThat(server.getAllServeEvents()).hasSize(2);
    }

    static Stream<Arguments> nonIdempotentCalls() {
        Consumer<MicrosandboxClient> start = c -> c.startSandbox(NAMESPACE, SANDBOX, PYTHON);
        Consumer<MicrosandboxClient> repl = c -> c.runRepl(REPL);
        Consumer<MicrosandboxClient> command = c -> c.runCommand(LS);
        return Stream.of(
                Arguments.of("sandbox.start", start, serverError()),
                Arguments.of("sandbox.start", start, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("sandbox.start", start, aResponse().withFault(Fault.EMPTY_RESPONSE)),
                Arguments.of("sandbox.repl.run", repl, serverError()),
                Arguments.of("sandbox.repl.run", repl, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("sandbox.repl.run", repl, aResponse().withFault(Fault.EMPTY_RESPONSE)),
                Arguments.of("sandbox.command.run", command, serverError()),
                Arguments.of("sandbox.command.run", command, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("sandbox.command.run", command, aResponse().withFault(Fault.EMPTY_RESPONSE)));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("nonIdempotentCalls")
    void nonIdempotentCall_failure_isSentExactlyOnce(
            String method, Consumer<MicrosandboxClient> call, ResponseDefinitionBuilder answer) {
        server.stubFor(rpc(method).willReturn(answer));

        Throwable thrown = catchThrowable(() -> call.accept(client));

        assertThat(thrown).isInstanceOfAny(SandboxApiException.class, ConnectionException.class);
        assertThat(requestsFor(server, method)).isEqualTo(1);
    }

    @Test
    void runRepl_resetOnReusedKeepAliveConnection_isSentExactlyOnce() {
        server.stubFor(rpc("sandbox.repl.run")
                .inScenario("repl")
                .whenScenarioStateIs(STARTED)
                .willReturn(result(REPL_RESULT))
                .willSetStateTo("answered once"));
        server.stubFor(rpc("sandbox.repl.run")
                .inScenario("repl")
                .whenScenarioStateIs("answered once")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        client.runRepl(REPL);

        Throwable thrown = catchThrowable(() -> client.runRepl(REPL));

        assertThat(thrown).isInstanceOf(ConnectionException.class);
        assertThat(requestsFor(server, "sandbox.repl.run")).isEqualTo(2);
    }

    @Test
    void stopSandbox_400_isNotRetried() {
        server.stubFor(rpc("sandbox.stop")
                .willReturn(json(400, "{\"error\":\"Namespace directory 'x' does not exist\",\"code\":2001}")));

        assertThatThrownBy(() -> client.stopSandbox(NAMESPACE, SANDBOX)).isInstanceOf(SandboxApiException.class);

        assertThat(requestsFor(server, "sandbox.stop")).isEqualTo(1);
    }

    @Test
    void metrics_401_isNotRetried() {
        server.stubFor(
                rpc("sandbox.metrics.get").willReturn(json(401, "{\"error\":\"Invalid credentials\",\"code\":1001}")));

        assertThatThrownBy(() -> client.metrics(NAMESPACE, null)).isInstanceOf(ConfigurationException.class);

        assertThat(requestsFor(server, "sandbox.metrics.get")).isEqualTo(1);
    }

    @Test
    void metrics_403_isNotRetried() {
        server.stubFor(rpc("sandbox.metrics.get").willReturn(json(403, "{\"error\":\"Access denied\",\"code\":3001}")));

        assertThatThrownBy(() -> client.metrics(NAMESPACE, null)).isInstanceOf(ConfigurationException.class);

        assertThat(requestsFor(server, "sandbox.metrics.get")).isEqualTo(1);
    }

    // --- circuit breaker ---

    @Test
    void breaker_enoughConnectionFailures_opensAndFailsFastWithoutRequest() {
        server.stubFor(rpc("sandbox.repl.run").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        failRepl(RESILIENCE.minimumNumberOfCalls());
        assertThat(client.circuitBreakerState()).isEqualTo("open");
        server.resetRequests();

        ConnectionException startWhileOpen =
                catchThrowableOfType(ConnectionException.class, () -> client.startSandbox(NAMESPACE, SANDBOX, PYTHON));
        ConnectionException stopWhileOpen =
                catchThrowableOfType(ConnectionException.class, () -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertThat(startWhileOpen.getMessage()).contains("paused by the circuit breaker");
        assertThat(startWhileOpen.context()).containsKey("retry_after_seconds");
        assertThat(stopWhileOpen.getMessage()).contains("paused by the circuit breaker");
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void breaker_open_healthStillReachesTheServerAndLetsCallsProbeAtOnce() {
        MicrosandboxClient slowToRecover = MicrosandboxClients.create(
                Fixtures.config(server).build(),
                TIMEOUTS,
                ResilienceSettings.builder()
                        .initialBackoff(Duration.ofMillis(1))
                        .slidingWindowSize(4)
                        .minimumNumberOfCalls(4)
                        .waitInOpenState(Duration.ofSeconds(60))
                        .build());
        server.stubFor(rpc("sandbox.repl.run").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        server.stubFor(get(urlEqualTo(HEALTH_PATH)).willReturn(json(200, "{\"message\":\"Service is healthy\"}")));
        for (int i = 0; i < 4; i++) {
            catchThrowable(() -> slowToRecover.runRepl(REPL));
        }
        assertThat(slowToRecover.circuitBreakerState()).isEqualTo("open");
        server.resetRequests();
        server.stubFor(rpc("sandbox.repl.run").willReturn(result(REPL_RESULT)));

        slowToRecover.health();
        slowToRecover.runRepl(REPL);

        assertThat(server.getAllServeEvents()).hasSize(2);
        assertThat(slowToRecover.circuitBreakerState()).isEqualTo("half_open");
        slowToRecover.close();
    }

    @Test
    void breaker_afterWaitInOpenState_halfOpensAndSuccessesCloseIt() throws InterruptedException {
        server.stubFor(rpc("sandbox.repl.run").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        failRepl(RESILIENCE.minimumNumberOfCalls());
        assertThat(client.circuitBreakerState()).isEqualTo("open");
        server.stubFor(rpc("sandbox.repl.run").willReturn(result(REPL_RESULT)));

        Fixtures.awaitTrue(() -> client.circuitBreakerState().equals("half_open"), Duration.ofSeconds(3));
        for (int i = 0; i < RESILIENCE.permittedCallsInHalfOpenState(); i++) {
            client.runRepl(REPL);
        }

        assertThat(client.circuitBreakerState()).isEqualTo("closed");
    }

    @Test
    void breaker_halfOpenProbeFails_opensAgain() throws InterruptedException {
        server.stubFor(rpc("sandbox.repl.run").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        failRepl(RESILIENCE.minimumNumberOfCalls());

        Fixtures.awaitTrue(() -> client.circuitBreakerState().equals("half_open"), Duration.ofSeconds(3));
        failRepl(RESILIENCE.permittedCallsInHalfOpenState());

        assertThat(client.circuitBreakerState()).isEqualTo("open");
    }

    @Test
    void breaker_many500Answers_staysClosed() {
        server.stubFor(rpc("sandbox.command.run").willReturn(serverError()));

        for (int i = 0; i < RESILIENCE.slidingWindowSize() * 2; i++) {
            assertThatThrownBy(() -> client.runCommand(LS)).isInstanceOf(SandboxApiException.class);
        }

        assertThat(client.circuitBreakerState()).isEqualTo("closed");
        assertThat(requestsFor(server, "sandbox.command.run")).isEqualTo(RESILIENCE.slidingWindowSize() * 2L);
    }

    @Test
    void breaker_rejectedKeyAnd400Answers_staysClosed() {
        server.stubFor(rpc("sandbox.start").willReturn(json(401, "{\"error\":\"Invalid credentials\",\"code\":1001}")));
        server.stubFor(rpc("sandbox.repl.run").willReturn(json(400, "{\"error\":\"bad\",\"code\":2001}")));

        for (int i = 0; i < RESILIENCE.slidingWindowSize(); i++) {
            catchThrowable(() -> client.startSandbox(NAMESPACE, SANDBOX, PYTHON));
            catchThrowable(() -> client.runRepl(REPL));
        }

        assertThat(client.circuitBreakerState()).isEqualTo("closed");
    }

    @Test
    void breaker_connectionFailuresOfRetriedCalls_countEachAttempt() {
        server.stubFor(rpc("sandbox.stop").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        catchThrowable(() -> client.stopSandbox(NAMESPACE, SANDBOX));
        catchThrowable(() -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertThat(client.circuitBreakerState()).isEqualTo("open");
        assertThat(requestsFor(server, "sandbox.stop")).isEqualTo(RESILIENCE.minimumNumberOfCalls());
    }

    @Test
    void circuitBreakerState_newClient_isClosed() {
        assertThat(client.circuitBreakerState()).isEqualTo("closed");
    }

    private void failRepl(int times) {
        for (int i = 0; i < times; i++) {
            assertThatThrownBy(() -> client.runRepl(REPL)).isInstanceOf(ConnectionException.class);
        }
    }
}

package io.msbmcp.wrapper.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.msbmcp.wrapper.client.Fixtures.API_KEY;
import static io.msbmcp.wrapper.client.Fixtures.COMMAND_RESULT;
import static io.msbmcp.wrapper.client.Fixtures.HEALTH_PATH;
import static io.msbmcp.wrapper.client.Fixtures.METRICS_RESULT;
import static io.msbmcp.wrapper.client.Fixtures.NAMESPACE;
import static io.msbmcp.wrapper.client.Fixtures.REPL_RESULT;
import static io.msbmcp.wrapper.client.Fixtures.SANDBOX;
import static io.msbmcp.wrapper.client.Fixtures.TIMEOUTS;
import static io.msbmcp.wrapper.client.Fixtures.json;
import static io.msbmcp.wrapper.client.Fixtures.methodNotFound;
import static io.msbmcp.wrapper.client.Fixtures.requestsFor;
import static io.msbmcp.wrapper.client.Fixtures.result;
import static io.msbmcp.wrapper.client.Fixtures.rpc;
import static io.msbmcp.wrapper.client.Fixtures.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.errors.ConfigurationException;
import io.msbmcp.errors.ConnectionException;
import io.msbmcp.errors.ErrorCode;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.OutputLine;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.model.SandboxConfig;
import io.msbmcp.wrapper.model.SandboxStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How every answer of the server (and every way of not answering) maps to a result or an exception. */
@Timeout(15)
final class OkHttpMicrosandboxClientResponseTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final SandboxConfig PYTHON_SMALL = new SandboxConfig("microsandbox/python", 1024, 1, List.of());
    private static final ReplRunParams REPL = new ReplRunParams(SANDBOX, NAMESPACE, "python", "print(1)", null);
    private static final CommandRunParams LS = new CommandRunParams(SANDBOX, NAMESPACE, "ls", List.of("-la"), null);

    private OkHttpMicrosandboxClient client = newClient(Fixtures.config(server).apiKey(API_KEY), TIMEOUTS);

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static OkHttpMicrosandboxClient newClient(WrapperConfig.Builder config, ClientTimeouts timeouts) {
        return new OkHttpMicrosandboxClient(config.build(), timeouts);
    }

    private void useClient(WrapperConfig.Builder config, ClientTimeouts timeouts) {
        client.close();
        client = newClient(config, timeouts);
    }

    // --- 200 results ---

    @Test
    void startSandbox_200StringResult_returnsTheServerMessage() {
        String message = "Sandbox session-abc was started, but timed out waiting for it to be fully running."
                + " It may still be initializing.";
        server.stubFor(rpc("sandbox.start").willReturn(result("\"" + message + "\"")));

        String answer = client.startSandbox(NAMESPACE, SANDBOX, PYTHON_SMALL);

        assertThat(answer).isEqualTo(message);
    }

    @Test
    void stopSandbox_200_returnsNormally() {
        server.stubFor(rpc("sandbox.stop").willReturn(result("\"Sandbox session-abc stopped successfully\"")));

        client.stopSandbox(NAMESPACE, SANDBOX);

        assertThat(requestsFor(server, "sandbox.stop")).isEqualTo(1);
    }

    @Test
    void metrics_200_returnsEveryStatusWithNullUsageAndOptionalNamespace() {
        server.stubFor(rpc("sandbox.metrics.get")
                .willReturn(result("{\"sandboxes\":[{\"namespace\":\"msb-mcp\",\"name\":\"a\",\"running\":true,"
                        + "\"cpu_usage\":0.0,\"memory_usage\":312,\"disk_usage\":48213504},"
                        + "{\"name\":\"b\",\"running\":false,\"cpu_usage\":null,\"memory_usage\":null,"
                        + "\"disk_usage\":null,\"future_field\":1}]}")));

        List<SandboxStatus> statuses = client.metrics(NAMESPACE, null);

        assertThat(statuses)
                .containsExactly(
                        new SandboxStatus("msb-mcp", "a", true, 0.0, 312L, 48213504L),
                        new SandboxStatus(null, "b", false, null, null, null));
    }

    @Test
    void runRepl_200_returnsStatusLanguageAndLines() {
        server.stubFor(rpc("sandbox.repl.run")
                .willReturn(result("{\"status\":\"success\",\"language\":\"python\",\"output\":["
                        + "{\"stream\":\"stdout\",\"text\":\"hello\"},"
                        + "{\"stream\":\"stderr\",\"text\":\"Error: Execution timed out after 5 seconds\"}]}")));

        ReplRunResult run = client.runRepl(REPL);

        assertThat(run.status()).isEqualTo("success");
        assertThat(run.language()).isEqualTo("python");
        assertThat(run.lines())
                .containsExactly(
                        new OutputLine("stdout", "hello"),
                        new OutputLine("stderr", "Error: Execution timed out after 5 seconds"));
    }

    @Test
    void runRepl_200WithNonAsciiOutput_keepsTheText() {
        server.stubFor(rpc("sandbox.repl.run")
                .willReturn(result("{\"status\":\"success\",\"language\":\"python\",\"output\":["
                        + "{\"stream\":\"stdout\",\"text\":\"h\u00e9 \u2603 \ud83d\ude00\"}]}")));

        assertThat(client.runRepl(REPL).lines())
                .containsExactly(new OutputLine("stdout", "h\u00e9 \u2603 \ud83d\ude00"));
    }

    @Test
    void runRepl_200WithBytesThatAreNotUtf8_replacesThemAndKeepsTheRest() {
        byte[] head = ("{\"jsonrpc\":\"2.0\",\"result\":{\"status\":\"success\",\"language\":\"python\","
                        + "\"output\":[{\"stream\":\"stdout\",\"text\":\"a")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "b\"}]},\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xff; // never valid in UTF-8
        System.arraycopy(tail, 0, body, head.length + 1, tail.length);
        server.stubFor(
                rpc("sandbox.repl.run").willReturn(aResponse().withStatus(200).withBody(body)));

        assertThat(client.runRepl(REPL).lines()).containsExactly(new OutputLine("stdout", "a\ufffdb"));
    }

    @Test
    void runCommand_200_returnsExitCodeSuccessAndLines() {
        server.stubFor(rpc("sandbox.command.run")
                .willReturn(result("{\"command\":\"ls\",\"args\":[\"-la\"],\"exit_code\":2,\"success\":false,"
                        + "\"output\":[{\"stream\":\"stderr\",\"text\":\"ls: cannot access\"}]}")));

        CommandRunResult run = client.runCommand(LS);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.success()).isFalse();
        assertThat(run.command()).isEqualTo("ls");
        assertThat(run.args()).containsExactly("-la");
        assertThat(run.lines()).containsExactly(new OutputLine("stderr", "ls: cannot access"));
    }

    // --- API errors ---

    @Test
    void rpc_200WithJsonRpcError_throwsSandboxApiExceptionWithItsCode() {
        server.stubFor(rpc("sandbox.repl.run")
                .willReturn(json(
                        200,
                        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32603,\"message\":\"Internal error: boom\"},"
                                + "\"id\":\"1\"}")));

        SandboxApiException e = catchThrowableOfType(SandboxApiException.class, () -> client.runRepl(REPL));

        assertThat(e.method()).isEqualTo("sandbox.repl.run");
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.errorCode()).isEqualTo(-32603);
        assertThat(e.serverMessage()).isEqualTo("Internal error: boom");
    }

    @Test
    void rpc_400ValidationError_throwsSandboxApiExceptionWith2001AndTheMessage() {
        server.stubFor(rpc("sandbox.start")
                .willReturn(json(400, "{\"error\":\"Sandbox name cannot exceed 63 characters\",\"code\":2001}")));

        SandboxApiException e = catchThrowableOfType(
                SandboxApiException.class, () -> client.startSandbox(NAMESPACE, SANDBOX, PYTHON_SMALL));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo(2001);
        assertThat(e.serverMessage()).isEqualTo("Sandbox name cannot exceed 63 characters");
        assertThat(e.isServerError()).isFalse();
    }

    @Test
    void rpc_500InternalError_throwsServerErrorWith5002() {
        server.stubFor(rpc("sandbox.command.run").willReturn(serverError()));

        SandboxApiException e = catchThrowableOfType(SandboxApiException.class, () -> client.runCommand(LS));

        assertThat(e.method()).isEqualTo("sandbox.command.run");
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.errorCode()).isEqualTo(5002);
        assertThat(e.serverMessage()).isEqualTo("Internal server error");
        assertThat(e.isServerError()).isTrue();
    }

    @Test
    void rpc_500WithNullCode_throwsSandboxApiExceptionWithoutCode() {
        server.stubFor(
                rpc("sandbox.stop").willReturn(json(500, "{\"error\":\"Internal server error\",\"code\":null}")));

        SandboxApiException e =
                catchThrowableOfType(SandboxApiException.class, () -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertThat(e.errorCode()).isNull();
        assertThat(e.httpStatus()).isEqualTo(500);
    }

    @Test
    void rpc_400JsonRpcInvalidRequest_throwsSandboxApiExceptionWithMinus32600() {
        server.stubFor(rpc("sandbox.stop")
                .willReturn(json(
                        400,
                        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,"
                                + "\"message\":\"Invalid or missing jsonrpc version field\"},\"id\":null}")));

        SandboxApiException e =
                catchThrowableOfType(SandboxApiException.class, () -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo(-32600);
        assertThat(e.serverMessage()).isEqualTo("Invalid or missing jsonrpc version field");
    }

    @Test
    void runRepl_404MethodNotFound_throwsWithoutFallback() {
        server.stubFor(rpc("sandbox.repl.run").willReturn(methodNotFound("sandbox.repl.run")));

        SandboxApiException e = catchThrowableOfType(SandboxApiException.class, () -> client.runRepl(REPL));

        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(-32601);
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    // --- authentication ---

    @Test
    void rpc_401InvalidCredentials_throwsApiKeyRejected() {
        server.stubFor(rpc("sandbox.start").willReturn(json(401, "{\"error\":\"Invalid credentials\",\"code\":1001}")));

        ConfigurationException e = catchThrowableOfType(
                ConfigurationException.class, () -> client.startSandbox(NAMESPACE, SANDBOX, PYTHON_SMALL));

        assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
        assertThat(e.variable()).isEqualTo("MSB_API_KEY");
        assertThat(e.getMessage()).contains("rejected the API key (HTTP 401)");
        assertThat(e.context()).containsEntry("http_status", 401);
    }

    @Test
    void rpc_401WithoutConfiguredKey_throwsApiKeyMissing() {
        useClient(Fixtures.config(server).apiKey(null), TIMEOUTS);
        server.stubFor(rpc("sandbox.stop").willReturn(json(401, "{\"error\":\"Invalid credentials\",\"code\":1001}")));

        ConfigurationException e =
                catchThrowableOfType(ConfigurationException.class, () -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertThat(e.getMessage()).contains("MSB_API_KEY is not set");
    }

    @Test
    void rpc_403AccessDenied_throwsApiKeyRejectedNamingTheNamespace() {
        server.stubFor(rpc("sandbox.metrics.get").willReturn(json(403, "{\"error\":\"Access denied\",\"code\":3001}")));

        ConfigurationException e =
                catchThrowableOfType(ConfigurationException.class, () -> client.metrics("other-ns", null));

        assertThat(e.getMessage()).contains("namespace 'other-ns'").contains("HTTP 403");
        assertThat(e.context()).containsEntry("http_status", 403).containsEntry("namespace", "other-ns");
    }

    // --- answers that are not the API ---

    @Test
    void rpc_502HtmlFromProxy_throwsUnexpectedResponse() {
        server.stubFor(rpc("sandbox.start")
                .willReturn(aResponse()
                        .withStatus(502)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

        ConnectionException e = catchThrowableOfType(
                ConnectionException.class, () -> client.startSandbox(NAMESPACE, SANDBOX, PYTHON_SMALL));

        assertUnexpectedResponse(e, "sandbox.start", 502);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "<html>login</html>",
                "{\"message\":\"Service is healthy\"}",
                "[1,2]",
                "{\"jsonrpc\":\"2.0\",\"result\":\"not metrics\",\"id\":\"1\"}",
                "{\"jsonrpc\":\"2.0\",\"result\":{\"sandboxes\":\"nope\"},\"id\":\"1\"}",
                "{\"jsonrpc\":\"2.0\",\"error\":\"oops\",\"code\":\"x\",\"id\":\"1\"}"
            })
    void metrics_200WithBodyThatIsNotTheApi_throwsUnexpectedResponse(String body) {
        server.stubFor(rpc("sandbox.metrics.get")
                .willReturn(aResponse().withStatus(200).withBody(body)));

        ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> client.metrics(NAMESPACE, null));

        assertUnexpectedResponse(e, "sandbox.metrics.get", 200);
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 405, 415, 422, 503})
    void rpc_plainTextStatusOutsideTheApi_throwsUnexpectedResponse(int status) {
        server.stubFor(
                rpc("sandbox.stop").willReturn(aResponse().withStatus(status).withBody("Not Found")));

        ConnectionException e =
                catchThrowableOfType(ConnectionException.class, () -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertUnexpectedResponse(e, "sandbox.stop", status);
    }

    @Test
    void rpc_503WithApiShapedBody_throwsUnexpectedResponse() {
        server.stubFor(rpc("sandbox.stop").willReturn(json(503, "{\"error\":\"Service Unavailable\",\"code\":503}")));

        ConnectionException e =
                catchThrowableOfType(ConnectionException.class, () -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertUnexpectedResponse(e, "sandbox.stop", 503);
    }

    // --- no answer ---

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
    void rpc_droppedConnection_throwsUnreachable(Fault fault) {
        server.stubFor(rpc("sandbox.repl.run").willReturn(aResponse().withFault(fault)));

        ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> client.runRepl(REPL));

        assertUnreachable(e, "sandbox.repl.run");
    }

    @Test
    void rpc_serverNotListening_throwsUnreachableNamingTheCause() {
        useClient(Fixtures.config(server).serverUrl("http://127.0.0.1:" + Fixtures.closedPort()), TIMEOUTS);

        ConnectionException e =
                catchThrowableOfType(ConnectionException.class, () -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertUnreachable(e, "sandbox.stop");
        assertThat(e.context().get("reason").toString()).isEqualTo("connection refused (nothing listens there)");
        assertThat(e.getMessage()).doesNotContain("Exception");
    }

    @Test
    void stopSandbox_answerSlowerThanCallTimeout_throwsTimedOutInTime() {
        useClient(
                Fixtures.config(server),
                ClientTimeouts.builder().callTimeout(Duration.ofMillis(200)).build());
        server.stubFor(rpc("sandbox.stop").willReturn(result("\"stopped\"").withFixedDelay(1500)));

        long started = System.nanoTime();
        ConnectionException e =
                catchThrowableOfType(ConnectionException.class, () -> client.stopSandbox(NAMESPACE, SANDBOX));

        assertTimedOut(e, "sandbox.stop");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1200));
    }

    @Test
    void startSandbox_answerSlowerThanStartTimeoutPlusMargin_throwsTimedOut() {
        useClient(
                Fixtures.config(server).sandboxStartTimeout(Duration.ofMillis(150)),
                ClientTimeouts.builder()
                        .callTimeout(Duration.ofSeconds(10))
                        .margin(Duration.ofMillis(100))
                        .build());
        server.stubFor(rpc("sandbox.start").willReturn(result("\"started\"").withFixedDelay(1500)));

        long started = System.nanoTime();
        ConnectionException e = catchThrowableOfType(
                ConnectionException.class, () -> client.startSandbox(NAMESPACE, SANDBOX, PYTHON_SMALL));

        assertTimedOut(e, "sandbox.start");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1200));
    }

    @Test
    void runRepl_noTimeoutAndAnswerSlowerThanExecutionTimeout_throwsTimedOut() {
        useClient(
                Fixtures.config(server).executionTimeout(Duration.ofMillis(200)),
                ClientTimeouts.builder()
                        .callTimeout(Duration.ofSeconds(10))
                        .margin(Duration.ofMillis(50))
                        .build());
        server.stubFor(rpc("sandbox.repl.run").willReturn(result(REPL_RESULT).withFixedDelay(1500)));

        ConnectionException e = catchThrowableOfType(ConnectionException.class, () -> client.runRepl(REPL));

        assertTimedOut(e, "sandbox.repl.run");
    }

    @Test
    void runCommand_runTimeoutLongerThanCallTimeout_waitsForTheRun() {
        useClient(
                Fixtures.config(server).executionTimeout(Duration.ofMillis(100)),
                ClientTimeouts.builder()
                        .callTimeout(Duration.ofMillis(100))
                        .margin(Duration.ofMillis(100))
                        .build());
        server.stubFor(
                rpc("sandbox.command.run").willReturn(result(COMMAND_RESULT).withFixedDelay(400)));

        CommandRunResult run = client.runCommand(new CommandRunParams(SANDBOX, NAMESPACE, "ls", List.of(), 1L));

        assertThat(run.exitCode()).isZero();
    }

    // --- health ---

    @Test
    void health_200_returnsNormally() {
        server.stubFor(get(urlEqualTo(HEALTH_PATH)).willReturn(json(200, "{\"message\":\"Service is healthy\"}")));

        client.health();

        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 500, 503})
    void health_not200_throwsUnexpectedResponse(int status) {
        server.stubFor(get(urlEqualTo(HEALTH_PATH)).willReturn(json(status, "{\"message\":\"no\"}")));

        ConnectionException e = catchThrowableOfType(ConnectionException.class, client::health);

        assertUnexpectedResponse(e, "health", status);
    }

    @Test
    void health_200Html_throwsUnexpectedResponse() {
        server.stubFor(get(urlEqualTo(HEALTH_PATH))
                .willReturn(aResponse().withStatus(200).withBody("<html/>")));

        ConnectionException e = catchThrowableOfType(ConnectionException.class, client::health);

        assertUnexpectedResponse(e, "health", 200);
    }

    @Test
    void health_connectionReset_throwsUnreachable() {
        server.stubFor(get(urlEqualTo(HEALTH_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ConnectionException e = catchThrowableOfType(ConnectionException.class, client::health);

        assertUnreachable(e, "health");
    }

    // --- method-name fallback ---

    @Test
    void metrics_404MethodNotFound_fallsBackToGetStatusAndRemembers() {
        server.stubFor(rpc("sandbox.metrics.get").willReturn(methodNotFound("sandbox.metrics.get")));
        server.stubFor(rpc("sandbox.getStatus").willReturn(result(METRICS_RESULT)));

        List<SandboxStatus> first = client.metrics(NAMESPACE, SANDBOX);
        List<SandboxStatus> second = client.metrics(NAMESPACE, SANDBOX);

        assertThat(first).singleElement().extracting(SandboxStatus::name).isEqualTo(SANDBOX);
        assertThat(second).isEqualTo(first);
        assertThat(requestsFor(server, "sandbox.metrics.get")).isEqualTo(1);
        assertThat(requestsFor(server, "sandbox.getStatus")).isEqualTo(2);
        assertThat(Fixtures.served(server))
                .extracting(event -> Fixtures.body(event).path("params").toString())
                .containsOnly("{\"namespace\":\"msb-mcp\",\"sandbox\":\"session-abc\"}");
    }

    @Test
    void runCommand_404MethodNotFound_fallsBackToCommandExecuteAndRemembers() {
        server.stubFor(rpc("sandbox.command.run").willReturn(methodNotFound("sandbox.command.run")));
        server.stubFor(rpc("sandbox.command.execute").willReturn(result(COMMAND_RESULT)));

        CommandRunResult first = client.runCommand(LS);
        CommandRunResult second = client.runCommand(LS);

        assertThat(first.lines()).containsExactly(new OutputLine("stdout", "total 4"));
        assertThat(second).isEqualTo(first);
        assertThat(requestsFor(server, "sandbox.command.run")).isEqualTo(1);
        assertThat(requestsFor(server, "sandbox.command.execute")).isEqualTo(2);
        assertThat(Fixtures.served(server))
                .extracting(event -> Fixtures.body(event).path("params").toString())
                .containsOnly("{\"sandbox\":\"session-abc\",\"namespace\":\"msb-mcp\",\"command\":\"ls\","
                        + "\"args\":[\"-la\"]}");
    }

    @Test
    void metrics_oldNameUnknownAfterUpgrade_switchesBackToNewName() {
        server.stubFor(rpc("sandbox.metrics.get").willReturn(methodNotFound("sandbox.metrics.get")));
        server.stubFor(rpc("sandbox.getStatus").willReturn(result(METRICS_RESULT)));
        client.metrics(NAMESPACE, null);
        server.resetAll();
        server.stubFor(rpc("sandbox.getStatus").willReturn(methodNotFound("sandbox.getStatus")));
        server.stubFor(rpc("sandbox.metrics.get").willReturn(result(METRICS_RESULT)));

        client.metrics(NAMESPACE, null);
        client.metrics(NAMESPACE, null);

        assertThat(requestsFor(server, "sandbox.getStatus")).isEqualTo(1);
        assertThat(requestsFor(server, "sandbox.metrics.get")).isEqualTo(2);
    }

    @Test
    void metrics_bothNamesUnknown_throwsAndKeepsTheNewName() {
        server.stubFor(rpc("sandbox.metrics.get").willReturn(methodNotFound("sandbox.metrics.get")));
        server.stubFor(rpc("sandbox.getStatus").willReturn(methodNotFound("sandbox.getStatus")));

        Throwable first = catchThrowable(() -> client.metrics(NAMESPACE, null));
        catchThrowable(() -> client.metrics(NAMESPACE, null));

        assertThat(first).isInstanceOf(SandboxApiException.class);
        assertThat(Fixtures.served(server))
                .extracting(event -> Fixtures.body(event).path("method").asText())
                .containsExactly(
                        "sandbox.metrics.get", "sandbox.getStatus", "sandbox.metrics.get", "sandbox.getStatus");
    }

    @Test
    void metrics_methodNotFoundCodeOn400_doesNotFallBack() {
        server.stubFor(rpc("sandbox.metrics.get")
                .willReturn(json(
                        400,
                        "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"},"
                                + "\"id\":\"1\"}")));

        catchThrowable(() -> client.metrics(NAMESPACE, null));

        assertThat(requestsFor(server, "sandbox.getStatus")).isZero();
    }

    private static void assertUnexpectedResponse(ConnectionException e, String operation, int status) {
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("Unexpected answer from the Microsandbox server");
        assertThat(e.context()).containsEntry("operation", operation).containsEntry("http_status", status);
    }

    private static void assertUnreachable(ConnectionException e, String operation) {
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("Cannot reach the Microsandbox server");
        assertThat(e.context()).containsEntry("operation", operation).containsKey("reason");
    }

    private static void assertTimedOut(ConnectionException e, String operation) {
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("did not answer '" + operation + "'");
        assertThat(e.context()).containsEntry("operation", operation).containsKey("timeout_seconds");
    }
}

package io.msbmcp.adapter.tool;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static io.msbmcp.adapter.testing.Backend.commandOutput;
import static io.msbmcp.adapter.testing.Backend.replOutput;
import static io.msbmcp.adapter.testing.Backend.replRaised;
import static io.msbmcp.adapter.testing.Backend.rpc;
import static io.msbmcp.adapter.testing.Backend.stderr;
import static io.msbmcp.adapter.testing.Backend.stdout;
import static io.msbmcp.adapter.testing.RpcAssertions.assertConforms;
import static io.msbmcp.adapter.testing.RpcAssertions.assertError;
import static io.msbmcp.adapter.testing.RpcAssertions.assertInvalidArgument;
import static io.msbmcp.adapter.testing.RpcAssertions.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** execute_code over HTTP against the real wrapper and a WireMock Microsandbox. */
@Timeout(30)
final class ExecuteCodeToolTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static TestServer server;
    private static JsonNode outputSchema;
    private StubMapping extra;

    @BeforeAll
    static void start() {
        Backend.healthy(backend);
        server = TestServer.start(backend);
        JsonNode list = server.http()
                .post("/mcp", server.http().request("tools/list", Map.of()), "Content-Type", "application/json")
                .json();
        for (JsonNode tool : list.get("result").get("tools")) {
            if (tool.get("name").asText().equals("execute_code")) {
                outputSchema = tool.get("outputSchema");
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void removeExtraStub() {
        if (extra != null) {
            backend.removeStub(extra);
            extra = null;
        }
    }

    private static JsonNode call(Map<String, ?> arguments) {
        return server.http().callTool("execute_code", arguments);
    }

    @Test
    void executeCode_newSession_returnsOutputAndCreatedSession() {
        JsonNode result = result(call(Map.of("code", "print('hello')")));

        JsonNode content = result.get("structuredContent");
        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(content.get("stdout").asText()).isEqualTo("hello");
        assertThat(content.get("stderr").asText()).isEmpty();
        assertThat(content.get("success").asBoolean()).isTrue();
        assertThat(content.get("session_created").asBoolean()).isTrue();
        assertThat(content.get("template").asText()).isEqualTo("python");
        assertThat(content.get("flavor").asText()).isEqualTo("small");
        assertThat(content.get("timed_out").asBoolean()).isFalse();
        assertThat(content.get("session_reset").asBoolean()).isFalse();
        assertThat(content.get("truncated").asBoolean()).isFalse();
        assertThat(content.get("execution_time_ms").asLong()).isNotNegative();
        String sessionId = content.get("session_id").asText();
        assertThat(result.get("session_id").asText()).isEqualTo(sessionId);
        assertThat(result.get("session_created").asBoolean()).isTrue();
        assertThat(result.get("content").get(0).get("text").asText())
                .isEqualTo("hello\n[session: " + sessionId + " (created)]");
        assertConforms(outputSchema, content);
    }

    @Test
    void executeCode_reusedSession_saysNotCreated() {
        call(Map.of("code", "x = 1", "session_id", "reuse-1", "flavor", "medium"));

        JsonNode result = result(call(Map.of("code", "print(x)", "session_id", "reuse-1")));

        assertThat(result.get("structuredContent").get("session_created").asBoolean())
                .isFalse();
        assertThat(result.get("structuredContent").get("flavor").asText()).isEqualTo("medium");
        assertThat(result.get("session_created").asBoolean()).isFalse();
        assertThat(result.get("content").get(0).get("text").asText()).endsWith("\n[session: reuse-1]");
    }

    @Test
    void executeCode_codeRaises_isErrorResultConformingToOutputSchema() {
        extra = backend.stubFor(rpc("sandbox.repl.run").willReturn(replRaised("ZeroDivisionError: division by zero")));

        JsonNode result = result(call(Map.of("code", "1/0")));

        JsonNode content = result.get("structuredContent");
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(content.get("success").asBoolean()).isFalse();
        assertThat(content.get("stdout").asText()).isEmpty();
        assertThat(content.get("stderr").asText()).contains("ZeroDivisionError");
        assertThat(result.get("content").get(0).get("text").asText())
                .contains("[stderr]", "ZeroDivisionError")
                .endsWith("(created)]");
        assertConforms(outputSchema, content);
    }

    @Test
    void executeCode_warningOnStderr_isNotAnError() {
        extra = backend.stubFor(
                rpc("sandbox.repl.run").willReturn(replOutput(stderr("DeprecationWarning: old"), stdout("ok"))));

        JsonNode result = result(call(Map.of("code", "import warnings")));

        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.get("structuredContent").get("stderr").asText()).isEqualTo("DeprecationWarning: old");
    }

    @Test
    void executeCode_timesOut_isErrorWithSessionReset() {
        extra = backend.stubFor(rpc("sandbox.repl.run")
                .willReturn(replOutput(stdout("partial"), stderr("Error: Execution timed out after 5 seconds"))));

        JsonNode result = result(call(Map.of("code", "while True: pass", "timeout", 5, "session_id", "slow-1")));

        JsonNode content = result.get("structuredContent");
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(content.get("timed_out").asBoolean()).isTrue();
        assertThat(content.get("session_reset").asBoolean()).isTrue();
        assertThat(content.get("success").asBoolean()).isFalse();
        assertThat(result.get("content").get(0).get("text").asText()).contains("timed out");
        assertConforms(outputSchema, content);
    }

    @Test
    void executeCode_interpreterExited_isErrorWithSessionResetAndSaysWhy() {
        extra = backend.stubFor(rpc("sandbox.repl.run")
                .willReturn(replOutput(stderr("Error: Engine unavailable: Python process channel closed"))));

        JsonNode result = result(call(Map.of("code", "import os; os._exit(1)", "session_id", "dead-1")));

        JsonNode content = result.get("structuredContent");
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(content.get("success").asBoolean()).isFalse();
        assertThat(content.get("timed_out").asBoolean()).isFalse();
        assertThat(content.get("session_reset").asBoolean()).isTrue();
        assertThat(result.get("content").get(0).get("text").asText()).contains("the interpreter exited");
        assertConforms(outputSchema, content);
    }

    @Test
    void executeCode_dependencies_areInstalledFirst() {
        extra = backend.stubFor(rpc("sandbox.command.run")
                .withRequestBody(containing("pip install"))
                .willReturn(commandOutput(0, stdout("__MSB_PACKAGES__=/work/.msb-mcp/python"))));

        JsonNode result = result(call(Map.of("code", "import requests", "dependencies", List.of("requests"))));

        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(Backend.calls(backend, "sandbox.command.run"))
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("requests"));
    }

    @Test
    void executeCode_dependencyInstallFails_answersCodeExecutionError() {
        extra = backend.stubFor(rpc("sandbox.command.run")
                .withRequestBody(containing("pip install"))
                .willReturn(commandOutput(1, stderr("No matching distribution found for nosuchpkg"))));

        JsonNode error = assertError(
                call(Map.of("code", "1", "dependencies", List.of("nosuchpkg"))), -32603, "CODE_EXECUTION_ERROR");

        assertThat(error.get("message").asText()).contains("nosuchpkg");
    }

    @Test
    void executeCode_missingCode_answersInvalidParamsNamingCode() {
        JsonNode error = assertInvalidArgument(call(Map.of("template", "python")), "code");

        assertThat(error.get("message").asText()).contains("is required");
        assertThat(error.get("data").get("category").asText()).isEqualTo("validation");
    }

    @Test
    void executeCode_timeoutZero_answersInvalidParamsNamingTimeout() {
        JsonNode error = assertInvalidArgument(call(Map.of("code", "1", "timeout", 0)), "timeout");

        assertThat(error.get("message").asText()).contains("between 1 and 3600");
    }

    @Test
    void executeCode_timeoutTooLarge_answersInvalidParamsNamingTimeout() {
        assertInvalidArgument(call(Map.of("code", "1", "timeout", 3601)), "timeout");
    }

    @Test
    void executeCode_timeoutAsString_answersInvalidParamsNamingTimeout() {
        JsonNode error = assertInvalidArgument(call(Map.of("code", "1", "timeout", "30")), "timeout");

        assertThat(error.get("message").asText()).contains("must be an integer");
    }

    @Test
    void executeCode_unknownTemplate_answersInvalidParamsNamingTemplate() {
        JsonNode error = assertInvalidArgument(call(Map.of("code", "1", "template", "ruby")), "template");

        assertThat(error.get("message").asText()).contains("python, node");
    }

    @Test
    void executeCode_badSessionId_answersInvalidParamsNamingSessionId() {
        assertInvalidArgument(call(Map.of("code", "1", "session_id", "../etc")), "session_id");
    }

    @Test
    void executeCode_unknownArgument_answersInvalidParamsNamingIt() {
        JsonNode error = assertInvalidArgument(call(Map.of("code", "1", "langauge", "python")), "langauge");

        assertThat(error.get("message").asText()).contains("code", "template");
    }

    @Test
    void executeCode_blankCode_answersInvalidParamsFromTheWrapper() {
        assertInvalidArgument(call(Map.of("code", "   ")), "code");
    }

    @Test
    void executeCode_codeNotString_answersInvalidParams() {
        assertInvalidArgument(call(Map.of("code", 42)), "code");
    }

    @Test
    void executeCode_badDependency_answersInvalidParamsNamingTheItem() {
        assertInvalidArgument(call(Map.of("code", "1", "dependencies", List.of("ok", 3))), "dependencies[1]");
    }

    @Test
    void executeCode_noArgumentsAtAll_answersInvalidParamsNamingCode() {
        Map<String, Object> params = new HashMap<>();
        params.put("name", "execute_code");
        JsonNode response = server.http()
                .post("/mcp", server.http().request("tools/call", params), "Content-Type", "application/json")
                .json();

        assertInvalidArgument(response, "code");
    }

    @Test
    void executeCode_otherTemplateOnLiveSession_answersInvalidParams() {
        call(Map.of("code", "1", "session_id", "py-only"));

        JsonNode error = assertInvalidArgument(
                call(Map.of("code", "1", "session_id", "py-only", "template", "node")), "template");

        assertThat(error.get("message").asText()).contains("python");
    }

    @Test
    void executeCode_sandboxStartFails_answersSandboxCreationError() {
        extra = backend.stubFor(rpc("sandbox.start").willReturn(Backend.serverError()));

        JsonNode error = assertError(call(Map.of("code", "1")), -32603, "SANDBOX_CREATION_ERROR");

        assertThat(error.get("data").get("category").asText()).isEqualTo("sandbox");
    }

    @Test
    void executeCode_replCallFails_answersCodeExecutionError() {
        extra = backend.stubFor(rpc("sandbox.repl.run").willReturn(Backend.serverError()));

        assertError(call(Map.of("code", "1")), -32603, "CODE_EXECUTION_ERROR");
    }

    @Test
    void executeCode_backendDown_answersConnectionError() {
        try (TestServer down = TestServer.start(TestServer.deadUrl(), s -> s, w -> w)) {
            JsonNode error =
                    assertError(down.http().callTool("execute_code", Map.of("code", "1")), -32603, "CONNECTION_ERROR");

            assertThat(error.get("data").get("category").asText()).isEqualTo("connection");
        }
    }

    @Test
    void executeCode_sessionLimitReached_answersResourceLimitExceeded() {
        try (TestServer limited = TestServer.start(backend.baseUrl(), s -> s, w -> w.maxSessions(1))) {
            result(limited.http().callTool("execute_code", Map.of("code", "1", "session_id", "first")));

            JsonNode error = assertError(
                    limited.http().callTool("execute_code", Map.of("code", "1", "session_id", "second")),
                    -32600,
                    "RESOURCE_LIMIT_EXCEEDED");

            assertThat(error.get("data").get("context").get("max_sessions").asInt())
                    .isEqualTo(1);
            result(limited.http().callTool("execute_code", Map.of("code", "1", "session_id", "first")));
        }
    }
}

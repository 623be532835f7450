package io.msbmcp.adapter.tool;

import static io.msbmcp.adapter.testing.Backend.commandOutput;
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
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** execute_command over HTTP against the real wrapper and a WireMock Microsandbox. */
@Timeout(30)
final class ExecuteCommandToolTest {
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
            if (tool.get("name").asText().equals("execute_command")) {
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
        return server.http().callTool("execute_command", arguments);
    }

    @Test
    void executeCommand_exitZero_returnsOutputAndExitCode() {
        JsonNode result = result(call(Map.of("command", "ls -la /tmp | head -5", "session_id", "cmd-1")));

        JsonNode content = result.get("structuredContent");
        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(content.get("command").asText()).isEqualTo("ls -la /tmp | head -5");
        assertThat(content.get("stdout").asText()).isEqualTo("hello");
        assertThat(content.get("exit_code").asInt()).isZero();
        assertThat(content.get("success").asBoolean()).isTrue();
        assertThat(content.get("session_id").asText()).isEqualTo("cmd-1");
        assertThat(result.get("session_id").asText()).isEqualTo("cmd-1");
        assertThat(result.get("content").get(0).get("text").asText())
                .isEqualTo("hello\n[exit code 0]\n[session: cmd-1 (created)]");
        assertConforms(outputSchema, content);
    }

    @Test
    void executeCommand_runsTheLineWithShC() {
        call(Map.of("command", "echo $HOME && false", "workdir", "/tmp", "env", Map.of("DEBUG", "1")));

        assertThat(Backend.calls(backend, "sandbox.command.run"))
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("echo $HOME && false"));
    }

    @Test
    void executeCommand_nonZeroExit_isErrorConformingToOutputSchema() {
        extra = backend.stubFor(rpc("sandbox.command.run").willReturn(commandOutput(2, stderr("ls: cannot access"))));

        JsonNode result = result(call(Map.of("command", "ls /nope")));

        JsonNode content = result.get("structuredContent");
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(content.get("exit_code").asInt()).isEqualTo(2);
        assertThat(content.get("success").asBoolean()).isFalse();
        assertThat(result.get("content").get(0).get("text").asText())
                .contains("[stderr]\nls: cannot access", "[exit code 2]");
        assertConforms(outputSchema, content);
    }

    /** The legacy server kills a command at its timeout and answers 500; the backend is deliberately slow here. */
    @Test
    void executeCommand_timesOut_isErrorWithNullExitCode() {
        extra = backend.stubFor(
                rpc("sandbox.command.run").willReturn(Backend.serverError().withFixedDelay(1100)));

        JsonNode result = result(call(Map.of("command", "sleep 100", "timeout", 1)));

        JsonNode content = result.get("structuredContent");
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(content.get("timed_out").asBoolean()).isTrue();
        assertThat(content.get("exit_code").isNull()).isTrue();
        assertThat(result.get("content").get(0).get("text").asText()).contains("timed out");
        assertConforms(outputSchema, content);
    }

    @Test
    void executeCommand_serverError_answersCommandExecutionError() {
        extra = backend.stubFor(rpc("sandbox.command.run").willReturn(Backend.serverError()));

        assertError(call(Map.of("command", "true", "timeout", 60)), -32603, "COMMAND_EXECUTION_ERROR");
    }

    @Test
    void executeCommand_missingCommand_answersInvalidParamsNamingCommand() {
        assertInvalidArgument(call(Map.of("workdir", "/tmp")), "command");
    }

    @Test
    void executeCommand_badEnvName_answersInvalidParamsNamingEnv() {
        JsonNode error = assertInvalidArgument(call(Map.of("command", "env", "env", Map.of("1BAD", "x"))), "env");

        assertThat(error.get("message").asText()).contains("1BAD");
    }

    @Test
    void executeCommand_envValueNotString_answersInvalidParamsNamingTheVariable() {
        assertInvalidArgument(call(Map.of("command", "env", "env", Map.of("DEBUG", 1))), "env.DEBUG");
    }

    @Test
    void executeCommand_emptyWorkdir_answersInvalidParamsNamingWorkdir() {
        assertInvalidArgument(call(Map.of("command", "pwd", "workdir", "")), "workdir");
    }

    @Test
    void executeCommand_unknownFlavor_answersInvalidParamsNamingFlavor() {
        assertInvalidArgument(call(Map.of("command", "pwd", "flavor", "huge")), "flavor");
    }

    @Test
    void executeCommand_sharesSessionsWithExecuteCode() {
        JsonNode code = result(server.http().callTool("execute_code", Map.of("code", "open('f','w')")));
        String sessionId = code.get("structuredContent").get("session_id").asText();

        JsonNode command = result(call(Map.of("command", "cat f", "session_id", sessionId)));

        assertThat(command.get("structuredContent").get("session_created").asBoolean())
                .isFalse();
    }

    @Test
    void executeCommand_nodeSessionWithoutTemplate_reusesItAsNode() {
        JsonNode code = result(server.http()
                .callTool("execute_code", Map.of("code", "x = 1", "template", "node", "session_id", "n-1")));

        JsonNode command = result(call(Map.of("command", "ls", "session_id", "n-1")));

        assertThat(code.get("structuredContent").get("template").asText()).isEqualTo("node");
        assertThat(command.get("isError").asBoolean()).isFalse();
        assertThat(command.get("structuredContent").get("session_created").asBoolean())
                .isFalse();
        assertThat(command.get("structuredContent").get("template").asText()).isEqualTo("node");
    }

    @Test
    void executeCommand_stdoutSample_isTextFirst() {
        extra = backend.stubFor(rpc("sandbox.command.run").willReturn(commandOutput(0, stdout("a"), stdout("b"))));

        JsonNode result = result(call(Map.of("command", "printf 'a\\nb'")));

        assertThat(result.get("content").get(0).get("text").asText()).startsWith("a\nb\n");
        assertThat(Http.write(result)).contains("\"session_created\":true");
    }
}

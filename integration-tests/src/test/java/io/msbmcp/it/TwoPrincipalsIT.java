package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two principals ({@code MCP_AUTH_TOKENS}) on one server: every operation of one on the other's session (run, list,
 * stop, files, tasks) is answered exactly as for an id that does not exist, a request without a token is 401, and the tokens appear
 * in no answer and no log line, while the per-call log names the principal.
 */
@Timeout(120)
final class TwoPrincipalsIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static final String ALICE_TOKEN = "alice-0b3c9e4f7a1d2e5f6a7b8c9d";
    private static final String BOB_TOKEN = "bob-8e7d6c5b4a3f2e1d0c9b8a7f";

    @Test
    void otherPrincipalsSessions_areNotFound_noTokenIs401_tokensNeverShown() throws Exception {
        AdapterProcess adapter = it.start(it.adapterOnSharedDevServer("it-principals")
                .name("adapter-principals")
                .env("MCP_AUTH_TOKENS", "alice:" + ALICE_TOKEN + ",bob:" + BOB_TOKEN));
        McpHttp alice = adapter.mcp().withBearer(ALICE_TOKEN);
        McpHttp bob = adapter.mcp().withBearer(BOB_TOKEN);
        List<McpResponse> answers = new ArrayList<>();

        McpResponse created = record(answers, alice.callTool("execute_code", Map.of("code", "x = 41")));
        assertThat(created.isError()).as(created.raw()).isFalse();
        String id = created.structured().path("session_id").asText();
        String unknown = Sessions.newId("nobody");

        McpResponse bobList = record(answers, bob.callTool("get_sessions", Map.of()));
        McpResponse bobGet = record(answers, bob.callTool("get_sessions", Map.of("session_id", id)));
        McpResponse bobGetUnknown = record(answers, bob.callTool("get_sessions", Map.of("session_id", unknown)));
        McpResponse bobStop = record(answers, bob.callTool("stop_session", Map.of("session_id", id)));
        McpResponse bobStopUnknown = record(answers, bob.callTool("stop_session", Map.of("session_id", unknown)));
        McpResponse bobRun =
                record(answers, bob.callTool("execute_code", Map.of("code", "print(x)", "session_id", id)));
        McpResponse aliceRun =
                record(answers, alice.callTool("execute_code", Map.of("code", "print(x + 1)", "session_id", id)));
        McpResponse aliceList = record(answers, alice.callTool("get_sessions", Map.of()));
        McpResponse noToken = record(answers, adapter.mcp().callTool("get_sessions", Map.of()));
        McpResponse wrongToken =
                record(answers, adapter.mcp().withBearer(ALICE_TOKEN + "x").callTool("get_sessions", Map.of()));

        assertThat(bobList.structured().path("sessions").size()).isZero();
        assertThat(bobGet.errorCode()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(bobStop.errorCode()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(withoutId(bobGet, id)).isEqualTo(withoutId(bobGetUnknown, unknown));
        assertThat(withoutId(bobStop, id)).isEqualTo(withoutId(bobStopUnknown, unknown));
        assertThat(bobRun.structured().path("session_created").asBoolean())
                .as("bob's run under alice's id gets a fresh session of bob's, as for any unknown id")
                .isTrue();
        assertThat(bobRun.structured().path("stderr").asText()).contains("NameError");
        assertThat(aliceRun.structured().path("stdout").asText()).isEqualTo("42");
        assertThat(aliceRun.structured().path("session_created").asBoolean()).isFalse();
        assertThat(aliceRun.structured().path("session_reset").asBoolean())
                .as("the REPL kept its state marker")
                .isFalse();
        assertThat(aliceList.structured().path("sessions").size()).isEqualTo(1);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.error().path("code").asInt()).isEqualTo(-32001);
        assertThat(wrongToken.status()).isEqualTo(401);

        assertThat(record(answers, alice.callTool("stop_session", Map.of("session_id", id)))
                        .structured()
                        .path("stopped")
                        .asBoolean())
                .isTrue();
        assertThat(record(answers, bob.callTool("stop_session", Map.of("session_id", id)))
                        .structured()
                        .path("stopped")
                        .asBoolean())
                .isTrue();

        String logs = Files.readString(adapter.process().stdoutFile())
                + Files.readString(adapter.process().stderrFile());
        assertThat(answers).allSatisfy(answer -> assertThat(answer.raw()).doesNotContain(ALICE_TOKEN, BOB_TOKEN));
        assertThat(logs).doesNotContain(ALICE_TOKEN, BOB_TOKEN);
        assertThat(logs).contains("principal=\"alice\"").contains("principal=\"bob\"");
        assertThat(it.shared().devServer().running("it-principals")).isEmpty();
        assertThat(it.shared().devServer().sandboxes("it-principals"))
                .as("sandbox names do not name the principal")
                .isNotEmpty()
                .allSatisfy(sandbox -> assertThat(sandbox.path("name").asText()).doesNotContain("alice", "bob"));
    }

    @Test
    void otherPrincipalsTasksAndFiles_areUnknown() {
        AdapterProcess adapter = it.start(it.adapterOnSharedDevServer("it-principals-tasks")
                .name("adapter-principals-tasks")
                .env("MCP_AUTH_TOKENS", "alice:" + ALICE_TOKEN + ",bob:" + BOB_TOKEN));
        McpHttp alice = adapter.mcp().withBearer(ALICE_TOKEN);
        McpHttp bob = adapter.mcp().withBearer(BOB_TOKEN);

        McpResponse upload = alice.callTool("upload_file", Map.of("path", "secret.txt", "text", "alice's"));
        String session = upload.structured().path("session_id").asText();
        McpResponse task = alice.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"execute_code\",\"arguments\":{\"code\":\"print(1)\",\"session_id\":\"" + session
                + "\"},\"task\":{}}}");
        String taskId = task.result().path("task").path("taskId").asText();
        String get =
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"" + taskId + "\"}}";
        String cancel = get.replace("tasks/get", "tasks/cancel");

        McpResponse bobGet = bob.post(get);
        McpResponse bobCancel = bob.post(cancel);
        McpResponse bobUnknown = bob.post(get.replace(taskId, "no-such-task-0123456789abcdef"));
        McpResponse bobDownload = bob.callTool("download_file", Map.of("path", "secret.txt", "session_id", session));
        McpResponse bobListFiles = bob.callTool("list_files", Map.of("session_id", session));
        McpResponse aliceGet = alice.post(get);
        McpResponse aliceDownload =
                alice.callTool("download_file", Map.of("path", "secret.txt", "session_id", session));

        assertThat(taskId).as(task.raw()).isNotBlank();
        assertThat(bobGet.error().path("code").asInt()).as(bobGet.raw()).isEqualTo(-32602);
        assertThat(bobCancel.error().path("code").asInt()).as(bobCancel.raw()).isEqualTo(-32602);
        assertThat(bobGet.error().path("message").asText())
                .isEqualTo(
                        bobUnknown.error().path("message").asText().replace("no-such-task-0123456789abcdef", taskId));
        assertThat(bobDownload.errorCode()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(bobListFiles.errorCode()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(aliceGet.result().path("taskId").asText()).as(aliceGet.raw()).isEqualTo(taskId);
        assertThat(aliceDownload.text()).as(aliceDownload.raw()).contains("alice's");
        alice.callTool("stop_session", Map.of("session_id", session));
    }

    private static McpResponse record(List<McpResponse> answers, McpResponse answer) {
        answers.add(answer);
        return answer;
    }

    /** The error object with the session id taken out, to compare answers for two ids. */
    private static String withoutId(McpResponse response, String id) {
        JsonNode error = response.error();
        return error.toString().replace(id, "<id>");
    }
}

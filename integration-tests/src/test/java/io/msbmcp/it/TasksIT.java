package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MCP tasks with real clients against the shared adapter and dev server: the TypeScript SDK 1.32.2 ({@code
 * clients/tasks-client.mjs}: callToolStream, listTasks, cancelTask), the Inspector 2.12.0 CLI in the modern era (the
 * tasks extension), and a plain HTTP client that goes away in the middle of a task and comes back for the result.
 */
@Timeout(300)
final class TasksIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void sdkCallToolStream_twentySecondRun_taskCreatedStatusesAndResult_listedForItsCreatorOnly() {
        String url = it.shared().adapter().mcpUrl().toString();

        Processes.Result run = NodeClients.node(
                "tasks-stream",
                List.of("tasks-client.mjs", "stream", url, Sessions.newId("tasks-stream"), "20"),
                Map.of(),
                it.logDir(),
                Duration.ofSeconds(150));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode report = Json.lastObjectLine(run.stdout());
        assertThat(report.path("capabilities").path("requests").path("tools").has("call"))
                .isTrue();
        JsonNode messages = report.path("messages");
        assertThat(messages.get(0).path("type").asText()).isEqualTo("taskCreated");
        String taskId = messages.get(0).path("taskId").asText();
        List<String> statuses = new ArrayList<>();
        messages.forEach(m -> {
            if (m.path("type").asText().equals("taskStatus")) {
                statuses.add(m.path("status").asText() + ": "
                        + m.path("statusMessage").asText());
            }
        });
        assertThat(statuses).as("status updates while the code runs").hasSizeGreaterThan(5);
        assertThat(statuses).anyMatch(s -> s.matches("working: .*, \\d+ s"));
        assertThat(statuses.get(statuses.size() - 1)).startsWith("completed");
        JsonNode result = messages.get(messages.size() - 1);
        assertThat(result.path("type").asText()).isEqualTo("result");
        assertThat(result.path("stdout").asText()).contains("finished after 20 s");
        assertThat(result.path("relatedTask").asText()).isEqualTo(taskId);
        assertThat(ids(report.path("listA"))).contains(taskId);
        assertThat(ids(report.path("listB")))
                .as("a second client does not see the task")
                .isEmpty();
    }

    @Test
    void sdkCancelTask_runningCode_cancelledStoppedAndTheSessionFreeAtOnce() throws Exception {
        // Stopping the code is the wrapper's part (issue 8, branch interrupt: Interrupts). Until that is merged, the
        // wrapper lets cancelled code run to its end and this test is skipped; it enables itself once it is there.
        try (java.util.zip.ZipFile jar =
                new java.util.zip.ZipFile(ItEnv.adapterJar().toFile())) {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    jar.getEntry("io/msbmcp/wrapper/exec/Interrupts.class") != null,
                    "the wrapper in this build does not stop cancelled code yet (merge branch interrupt)");
        }
        String url = it.shared().adapter().mcpUrl().toString();
        String name = "late-" + System.nanoTime() + ".txt";
        Path marker = it.shared().volumeHostDir().resolve(name);
        long started = System.nanoTime();

        Processes.Result run = NodeClients.node(
                "tasks-cancel",
                List.of(
                        "tasks-client.mjs",
                        "cancel",
                        url,
                        Sessions.newId("tasks-cancel"),
                        SharedStack.VOLUME_CONTAINER_PATH + "/" + name),
                Map.of(),
                it.logDir(),
                Duration.ofSeconds(120));
        long remaining = Duration.ofSeconds(12).toNanos() - (System.nanoTime() - started);
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000); // past the moment the code would have written the marker
        }

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode report = Json.lastObjectLine(run.stdout());
        assertThat(report.path("cancel").path("status").asText()).isEqualTo("cancelled");
        assertThat(report.path("statusAfter").asText()).isEqualTo("cancelled");
        assertThat(report.path("nextCall").path("stdout").asText()).contains("next call");
        assertThat(report.path("nextCall").path("millis").asLong())
                .as("the session is free at once, not after the cancelled code's 8 s")
                .isLessThan(4000);
        assertThat(marker)
                .as("the cancelled code was stopped before it wrote the marker")
                .doesNotExist();
    }

    @Test
    void inspectorModern_fifteenSecondRun_outputArrivesThroughTheTask() {
        String url = it.shared().adapter().mcpUrl().toString();
        Path home = ItEnv.newDir("inspector", "tasks-home");
        List<String> command = List.of(
                NodeClients.bin("mcp-inspector").toString(),
                "--cli",
                url,
                "--transport",
                "http",
                "--protocol-era",
                "modern",
                "--method",
                "tools/call",
                "--tool-name",
                "execute_code",
                "--tool-arg",
                "code=import time\nfor i in range(15):\n    time.sleep(1)\nprint('through the task')");

        Processes.Result run = NodeClients.node(
                "inspector-tasks", command, Map.of("HOME", home.toString()), it.logDir(), Duration.ofSeconds(120));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("through the task");
        assertThat(run.elapsed()).isGreaterThan(Duration.ofSeconds(14));
    }

    @Test
    void clientGoneMidTask_comesBackWithGetAndResult_getsTheResultAndTheCodeRanOnce() throws Exception {
        URI url = it.shared().adapter().mcpUrl();
        String name = "runs-" + System.nanoTime() + ".txt";
        Path counter = it.shared().volumeHostDir().resolve(name);
        String code = "import time\nopen('" + SharedStack.VOLUME_CONTAINER_PATH + "/" + name
                + "', 'a').write('ran\\n')\ntime.sleep(6)\nprint('survived the client')";

        JsonNode created = post(
                url,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"execute_code\","
                        + "\"arguments\":{\"code\":" + Json.tree(code) + "},\"task\":{}}}");
        String taskId = created.path("result").path("task").path("taskId").asText();
        String waiting =
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tasks/result\",\"params\":{\"taskId\":\"" + taskId + "\"}}";
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(1500);
            send(socket.getOutputStream(), url, waiting);
            Thread.sleep(1500); // the client is waiting for the result... and goes away
        }
        JsonNode working = post(
                url,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"" + taskId + "\"}}");
        JsonNode result = post(url, waiting);
        JsonNode done = post(
                url,
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tasks/get\",\"params\":{\"taskId\":\"" + taskId + "\"}}");

        assertThat(taskId).isNotBlank();
        assertThat(working.path("result").path("status").asText()).isEqualTo("working");
        assertThat(result.path("result")
                        .path("structuredContent")
                        .path("stdout")
                        .asText())
                .contains("survived the client");
        assertThat(done.path("result").path("status").asText()).isEqualTo("completed");
        assertThat(Files.readAllLines(counter)).as("the code ran once").containsExactly("ran");
    }

    private static JsonNode post(URI url, String body) {
        return Json.parse(McpHttp.postJson(url, body).body());
    }

    private static void send(OutputStream out, URI url, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: " + bytes.length
                + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }
}

package io.msbmcp.adapter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.json.McpJson;
import io.msbmcp.adapter.resource.ResourceProvider;
import io.msbmcp.adapter.server.EndpointSecurity;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.tool.McpTool;
import io.msbmcp.adapter.tool.TaskSupport;
import io.msbmcp.adapter.tool.ToolArguments;
import io.msbmcp.adapter.tool.Tools;
import io.msbmcp.wrapper.call.CallContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tasks over HTTP in both generations, against the engine with one task-capable probe tool, {@code job}: it reports a
 * phase, then waits {@code millis} (or until cancelled), and counts its runs, completions and cancellations.
 */
@Timeout(30)
final class TasksTest {
    static final String TASKS = "io.modelcontextprotocol/tasks";
    static final String MODERN_META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"extensions\":{\"" + TASKS + "\":{}}}}";
    static final String MODERN_META_WITHOUT = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private static final AtomicInteger runs = new AtomicInteger();
    private static final AtomicInteger finished = new AtomicInteger();
    private static final AtomicInteger cancelled = new AtomicInteger();
    private static Server jetty;
    private static McpEndpoint endpoint;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        ObjectMapper mapper = McpJson.create().objectMapper();
        ServerConfig config = ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .taskAfter(Duration.ofSeconds(1))
                .build();
        endpoint = McpEndpoint.create(
                config,
                new EndpointSecurity(config),
                Tools.of(List.of(new JobTool()), mapper),
                ResourceProvider.NONE,
                mapper,
                Clock.systemUTC());
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("mcp", endpoint.servlet()), "/mcp");
        jetty.setHandler(context);
        jetty.start();
        http = new Http(URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        Session.open().request("tools/call", "{\"name\":\"job\",\"arguments\":{\"millis\":1}}"); // warm-up
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.stop();
        endpoint.close();
    }

    // 2025-11-25

    @Test
    void initialize_declaresTasksAndToolsListMarksTheJobOptional() {
        Session session = Session.open();

        JsonNode capabilities = session.initializeResult.path("capabilities").path("tasks");
        JsonNode tools = session.request("tools/list", "{}").path("result").path("tools");

        assertThat(capabilities.has("list")).isTrue();
        assertThat(capabilities.has("cancel")).isTrue();
        assertThat(capabilities.path("requests").path("tools").has("call")).isTrue();
        assertThat(tools.get(0).path("execution").path("taskSupport").asText()).isEqualTo("optional");
    }

    @Test
    void toolsCallWithTask_answersAtOnce_thenGetAndResultGiveTheOutcome() {
        Session session = Session.open();
        long before = System.nanoTime();

        JsonNode created = session.request(
                "tools/call", "{\"name\":\"job\",\"arguments\":{\"millis\":1500},\"task\":{\"ttl\":60000}}");
        long tookMillis = (System.nanoTime() - before) / 1_000_000;
        JsonNode task = created.path("result").path("task");
        String id = task.path("taskId").asText();
        JsonNode working =
                session.request("tasks/get", "{\"taskId\":\"" + id + "\"}").path("result");
        JsonNode result =
                session.request("tasks/result", "{\"taskId\":\"" + id + "\"}").path("result");
        JsonNode done =
                session.request("tasks/get", "{\"taskId\":\"" + id + "\"}").path("result");

        assertThat(tookMillis).isLessThan(1500);
        assertThat(task.path("status").asText()).isEqualTo("working");
        assertThat(task.path("ttl").asLong()).isEqualTo(60000);
        assertThat(id.length()).isGreaterThanOrEqualTo(22);
        assertThat(working.path("status").asText()).isEqualTo("working");
        assertThat(working.path("statusMessage").asText()).startsWith("waiting");
        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("waited 1500 ms");
        assertThat(result.path("_meta")
                        .path("io.modelcontextprotocol/related-task")
                        .path("taskId")
                        .asText())
                .isEqualTo(id);
        assertThat(done.path("status").asText()).isEqualTo("completed");
    }

    @Test
    void toolErrorResult_isCompletedNotFailed() {
        Session session = Session.open();
        String id = session.startJob("{\"millis\":10,\"fail\":\"true\"}");

        JsonNode result =
                session.request("tasks/result", "{\"taskId\":\"" + id + "\"}").path("result");
        JsonNode done =
                session.request("tasks/get", "{\"taskId\":\"" + id + "\"}").path("result");

        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(done.path("status").asText()).isEqualTo("completed");
    }

    @Test
    void tasksGet_fromAnotherSession_isAnUnknownTask() {
        Session owner = Session.open();
        Session other = Session.open();
        String id = owner.startJob("{\"millis\":10}");

        JsonNode error =
                other.request("tasks/get", "{\"taskId\":\"" + id + "\"}").path("error");
        JsonNode list = other.request("tasks/list", "{}").path("result").path("tasks");
        JsonNode own = owner.request("tasks/list", "{}").path("result").path("tasks");

        assertThat(error.path("code").asInt()).isEqualTo(-32602);
        assertThat(error.path("message").asText()).contains("unknown task");
        assertThat(list).isEmpty();
        assertThat(own).hasSize(1);
        assertThat(own.get(0).path("taskId").asText()).isEqualTo(id);
    }

    @Test
    void tasksCancel_workingTask_stopsTheWorkAndASecondCancelIsRefused() throws Exception {
        Session session = Session.open();
        int cancelledBefore = cancelled.get();
        String id = session.startJob("{\"millis\":20000}");

        JsonNode cancel =
                session.request("tasks/cancel", "{\"taskId\":\"" + id + "\"}").path("result");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (cancelled.get() == cancelledBefore && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        JsonNode again =
                session.request("tasks/cancel", "{\"taskId\":\"" + id + "\"}").path("error");
        JsonNode result =
                session.request("tasks/result", "{\"taskId\":\"" + id + "\"}").path("error");

        assertThat(cancel.path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get()).isEqualTo(cancelledBefore + 1);
        assertThat(again.path("code").asInt()).isEqualTo(-32602);
        assertThat(result.path("message").asText()).contains("cancelled");
    }

    // 2026-07-28

    @Test
    void discover_advertisesTheTasksExtension() {
        JsonNode result = modern("server/discover", MODERN_META, null).json().path("result");

        assertThat(result.path("capabilities").path("extensions").has(TASKS)).isTrue();
        assertThat(result.path("capabilities").has("tasks")).isFalse();
    }

    @Test
    void toolsCall_declaringTheExtension_longCallBecomesATaskAndGetInlinesTheResult() throws Exception {
        Http.Response created =
                modern("tools/call", "\"name\":\"job\",\"arguments\":{\"millis\":2500}," + MODERN_META, "job");
        JsonNode task = created.json().path("result");
        String id = task.path("taskId").asText();
        JsonNode get = null;
        for (int i = 0; i < 50; i++) {
            get = modern("tasks/get", "\"taskId\":\"" + id + "\"," + MODERN_META, id)
                    .json()
                    .path("result");
            if (get.path("status").asText().equals("completed")) {
                break;
            }
            Thread.sleep(100);
        }

        assertThat(task.path("resultType").asText()).isEqualTo("task");
        assertThat(task.path("status").asText()).isEqualTo("working");
        assertThat(task.has("ttlMs")).isTrue();
        assertThat(task.has("ttl")).isFalse();
        assertThat(get.path("resultType").asText()).isEqualTo("complete");
        assertThat(get.path("status").asText()).isEqualTo("completed");
        assertThat(get.path("result").path("content").get(0).path("text").asText())
                .isEqualTo("waited 2500 ms");
    }

    @Test
    void toolsCall_declaringTheExtension_quickCallIsAnsweredNormally() {
        JsonNode result = modern("tools/call", "\"name\":\"job\",\"arguments\":{\"millis\":10}," + MODERN_META, "job")
                .json()
                .path("result");

        assertThat(result.path("resultType").asText()).isEqualTo("complete");
        assertThat(result.path("content").get(0).path("text").asText()).isEqualTo("waited 10 ms");
    }

    @Test
    void toolsCall_withoutTheExtension_neverBecomesATask() {
        JsonNode result = modern(
                        "tools/call", "\"name\":\"job\",\"arguments\":{\"millis\":800}," + MODERN_META_WITHOUT, "job")
                .json()
                .path("result");

        assertThat(result.path("resultType").asText()).isEqualTo("complete");
        assertThat(result.has("taskId")).isFalse();
    }

    @Test
    void tasksMethods_withoutTheExtension_areMissingCapability() {
        Http.Response response = modern("tasks/get", "\"taskId\":\"x\"," + MODERN_META_WITHOUT, "x");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").path("code").asInt()).isEqualTo(-32021);
        assertThat(response.json()
                        .path("error")
                        .path("data")
                        .path("requiredCapabilities")
                        .path("extensions")
                        .has(TASKS))
                .isTrue();
    }

    @Test
    void tasksCancel_modern_acknowledgesEmptyAndTasksResultIsNotAMethod() {
        String id = modern("tools/call", "\"name\":\"job\",\"arguments\":{\"millis\":20000}," + MODERN_META, "job")
                .json()
                .path("result")
                .path("taskId")
                .asText();

        JsonNode ack = modern("tasks/cancel", "\"taskId\":\"" + id + "\"," + MODERN_META, id)
                .json()
                .path("result");
        JsonNode again = modern("tasks/cancel", "\"taskId\":\"" + id + "\"," + MODERN_META, id)
                .json()
                .path("result");
        JsonNode get = modern("tasks/get", "\"taskId\":\"" + id + "\"," + MODERN_META, id)
                .json()
                .path("result");
        Http.Response result = modern("tasks/result", "\"taskId\":\"" + id + "\"," + MODERN_META, id);
        Http.Response mismatch = modern("tasks/get", "\"taskId\":\"" + id + "\"," + MODERN_META, "other");

        assertThat(ack.path("resultType").asText()).isEqualTo("complete");
        assertThat(ack.has("taskId")).isFalse();
        assertThat(again.path("resultType").asText()).isEqualTo("complete");
        assertThat(get.path("status").asText()).isEqualTo("cancelled");
        assertThat(result.status()).isEqualTo(404);
        assertThat(result.json().path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().path("error").path("code").asInt()).isEqualTo(-32020);
    }

    private static Http.Response modern(String method, String params, String name) {
        List<String> headers = new ArrayList<>(List.of(
                "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream",
                "MCP-Protocol-Version", "2026-07-28",
                "Mcp-Method", method));
        if (name != null) {
            headers.add("Mcp-Name");
            headers.add(name);
        }
        String body = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":{" + params + "}}";
        return http.post("/mcp", body, headers.toArray(String[]::new));
    }

    /** A 2025-11-25 MCP session. */
    private record Session(String id, JsonNode initializeResult) {
        static Session open() {
            Http.Response response = http.post(
                    "/mcp",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                    "Content-Type",
                    "application/json",
                    "Accept",
                    "application/json");
            assertThat(response.status()).isEqualTo(200);
            return new Session(
                    response.header("Mcp-Session-Id"), response.json().path("result"));
        }

        JsonNode request(String method, String params) {
            Http.Response response = http.post(
                    "/mcp",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + method + "\",\"params\":" + params + "}",
                    "Content-Type",
                    "application/json",
                    "Accept",
                    "application/json",
                    "Mcp-Session-Id",
                    id,
                    "MCP-Protocol-Version",
                    "2025-11-25");
            return response.json();
        }

        String startJob(String arguments) {
            return request("tools/call", "{\"name\":\"job\",\"arguments\":" + arguments + ",\"task\":{}}")
                    .path("result")
                    .path("task")
                    .path("taskId")
                    .asText();
        }
    }

    private static final class JobTool implements McpTool {
        @Override
        public Tool definition() {
            return Tool.builder(
                            "job",
                            Map.of(
                                    "type",
                                    "object",
                                    "properties",
                                    Map.of("millis", Map.of("type", "integer"), "fail", Map.of("type", "string"))))
                    .description("waits, then answers")
                    .build();
        }

        @Override
        public TaskSupport taskSupport() {
            return TaskSupport.OPTIONAL;
        }

        @Override
        public CallToolResult call(ToolArguments arguments, CallContext call) {
            runs.incrementAndGet();
            Long requested = arguments.integer("millis");
            long millis = requested == null ? 0 : requested;
            call.progress().phase("waiting");
            CountDownLatch stop = new CountDownLatch(1);
            try (var registration = call.cancellation().onCancel(stop::countDown)) {
                if (stop.await(millis, TimeUnit.MILLISECONDS)) {
                    cancelled.incrementAndGet();
                    return CallToolResult.builder().addTextContent("cancelled").build();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
            return CallToolResult.builder()
                    .addTextContent("waited " + millis + " ms")
                    .isError("true".equals(arguments.string("fail")))
                    .build();
        }
    }
}

package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Microsandbox server (here the dev server, on its own port) dies while a long call runs and comes back on the
 * same port and data directory; the adapter is never restarted. While it is down, the running call and new calls fail
 * with -32603 {@code CONNECTION_ERROR} and recovery hints, and {@code /health} says 503 degraded/disconnected. Once it
 * is back, health returns to 200 and new calls work; the old session's next call notices that its sandbox is gone,
 * runs in a fresh one and says so with {@code session_reset: true} and a reason (its NameError is explained), and the
 * session goes on under its id.
 */
@Timeout(240)
final class BackendOutageIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void devServer_killedMidRunAndRestarted_adapterDegradesThenRecovers() throws Exception {
        DevServerProcess devServer = it.startDevServer();
        AdapterProcess adapter = it.start(AdapterProcess.builder(devServer.baseUrl(), "it-outage", it.logDir()));
        McpHttp mcp = adapter.mcp();
        adapter.awaitHealthy(Duration.ofSeconds(30));
        String old = Sessions.newId("outage-old");
        assertThat(mcp.callTool("execute_code", Map.of("code", "x = 42", "session_id", old))
                        .isError())
                .isFalse();
        String slow = Sessions.newId("outage-slow");
        CompletableFuture<McpResponse> inFlight = CompletableFuture.supplyAsync(() -> mcp.callTool(
                "execute_code", Map.of("code", "import time\ntime.sleep(60)", "timeout", 120, "session_id", slow)));
        Poll.until("the long call to run", Duration.ofSeconds(30), () -> isRunning(mcp, slow));

        devServer.kill();
        McpResponse interrupted = inFlight.get(60, TimeUnit.SECONDS);
        McpResponse whileDown = mcp.callTool("execute_code", Map.of("code", "print('down')"));
        McpResponse commandWhileDown =
                mcp.callTool("execute_command", Map.of("command", "echo down", "session_id", Sessions.newId("down")));
        AdapterProcess.Health degraded = adapter.health();

        assertConnectionError(interrupted);
        assertConnectionError(whileDown);
        assertConnectionError(commandWhileDown);
        assertThat(degraded.status()).isEqualTo(503);
        assertThat(degraded.body().path("status").asText()).isEqualTo("degraded");
        assertThat(degraded.body().path("wrapper_status").asText()).isEqualTo("disconnected");
        assertThat(adapter.process().isAlive()).isTrue();

        long down = System.nanoTime();
        DevServerProcess restarted = it.track(devServer.restart());
        adapter.awaitHealthy(Duration.ofSeconds(90));
        AdapterProcess.Health healthy = adapter.health();
        Poll.until(
                "the circuit breaker to let calls through again",
                Duration.ofSeconds(60),
                () -> !"open"
                        .equals(adapter.health().body().path("circuit_breaker").asText()));
        Duration recovery = Duration.ofNanos(System.nanoTime() - down);
        McpResponse fresh = mcp.callTool("execute_code", Map.of("code", "print('back again')"));
        McpResponse oldFirst = mcp.callTool("execute_code", Map.of("code", "print(x)", "session_id", old));
        McpResponse oldSecond = mcp.callTool("execute_code", Map.of("code", "print('recreated')", "session_id", old));

        assertThat(healthy.status()).isEqualTo(200);
        assertThat(healthy.body().path("status").asText()).isEqualTo("healthy");
        assertThat(healthy.body().path("wrapper_status").asText()).isEqualTo("connected");
        assertThat(fresh.isError()).as(fresh.raw()).isFalse();
        assertThat(fresh.structured().path("stdout").asText()).isEqualTo("back again");
        assertThat(oldFirst.isError())
                .as("the old session's state is gone, and the answer says so: " + oldFirst.raw())
                .isTrue(); // print(x) fails: x was lost with the sandbox
        assertThat(oldFirst.structured().path("session_reset").asBoolean()).isTrue();
        assertThat(oldFirst.structured().path("session_created").asBoolean()).isFalse();
        assertThat(oldFirst.structured().path("session_reset_reason").asText())
                .contains("no longer running")
                .contains("state is gone");
        assertThat(oldFirst.structured().path("stderr").asText()).contains("NameError");
        assertThat(oldFirst.text()).contains("state is gone");
        assertThat(oldSecond.isError()).as(oldSecond.raw()).isFalse();
        assertThat(oldSecond.structured().path("stdout").asText()).isEqualTo("recreated");
        assertThat(oldSecond.structured().path("session_created").asBoolean()).isFalse();
        assertThat(oldSecond.structured().path("session_reset").asBoolean()).isFalse();
        assertThat(oldSecond.structured().path("session_id").asText()).isEqualTo(old);
        assertThat(restarted.running("it-outage")).isNotEmpty();
        System.out.printf(
                "[it] backend outage: in-flight call -> %s; calls work again %d ms after the restart began;"
                        + " old session's first call -> session_reset: %s%n",
                interrupted.error().path("message").asText(),
                recovery.toMillis(),
                oldFirst.structured().path("session_reset_reason").asText());

        assertThat(adapter.terminate(Duration.ofSeconds(60))).isZero();
        assertThat(restarted.running("it-outage")).isEmpty();
    }

    private static boolean isRunning(McpHttp mcp, String session) {
        McpResponse response = mcp.callTool("get_sessions", Map.of("session_id", session));
        return response.body().has("result")
                && "running"
                        .equals(response.structured()
                                .path("sessions")
                                .get(0)
                                .path("status")
                                .asText());
    }

    private static void assertConnectionError(McpResponse response) {
        assertThat(response.status()).isEqualTo(200);
        JsonNode error = response.error();
        assertThat(error.path("code").asInt()).as(response.raw()).isEqualTo(-32603);
        assertThat(error.path("data").path("error_code").asText())
                .as(response.raw())
                .isEqualTo("CONNECTION_ERROR");
        assertThat(error.path("data").path("category").asText()).isEqualTo("connection");
        assertThat(error.path("data").path("recovery_suggestions"))
                .as(response.raw())
                .isNotEmpty();
    }
}

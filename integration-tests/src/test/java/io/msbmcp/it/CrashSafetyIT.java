package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What happens to sandboxes when the adapter process ends. Killed with SIGKILL, it cannot clean up: its sandboxes keep
 * running until the next adapter with the same namespace starts and its startup orphan sweep stops them (and nothing
 * in other namespaces). Ended with SIGTERM, it lets a running call finish, stops every sandbox itself and exits 0.
 */
@Timeout(180)
final class CrashSafetyIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void adapter_killedWithSigkill_nextStartSweepsTheSandboxesLeftBehind() {
        DevServerProcess devServer = it.shared().devServer();
        String namespace = "it-crash";
        AdapterProcess first = it.start(it.adapterOnSharedDevServer(namespace).name("adapter-killed"));
        McpHttp mcp = first.mcp();
        mcp.callTool("execute_code", Map.of("code", "a = 1", "session_id", Sessions.newId("crash-py1")));
        mcp.callTool("execute_code", Map.of("code", "b = 2", "session_id", Sessions.newId("crash-py2")));
        mcp.callTool(
                "execute_code", Map.of("code", "c = 3", "template", "node", "session_id", Sessions.newId("crash-js")));
        Set<String> sandboxes = sandboxNames(mcp);
        String bystanderSession = Sessions.newId("bystander");
        it.shared().mcp().callTool("execute_code", Map.of("code", "pass", "session_id", bystanderSession));
        Set<String> bystanders = devServer.running(SharedStack.NAMESPACE);
        assertThat(sandboxes).hasSize(3);
        assertThat(devServer.running(namespace)).isEqualTo(sandboxes);

        int exit = first.kill();

        assertThat(exit).isEqualTo(137);
        assertThat(devServer.running(namespace))
                .as("nobody cleaned up after SIGKILL")
                .isEqualTo(sandboxes);

        AdapterProcess second = it.start(it.adapterOnSharedDevServer(namespace).name("adapter-restarted"));
        Poll.until(
                "the startup orphan sweep to stop and count " + sandboxes,
                Duration.ofSeconds(30),
                () -> second.health().body().path("orphans_stopped").asInt() >= 3);

        assertThat(devServer.running(namespace)).isEmpty();

        assertThat(devServer.running(SharedStack.NAMESPACE)).containsAll(bystanders);
        JsonNode health = second.health().body();
        assertThat(health.path("orphans_stopped").asInt()).isEqualTo(3);
        assertThat(health.path("last_orphan_sweep").asText()).isNotBlank();
        assertThat(health.path("active_sessions").asInt()).isZero();
        assertThat(second.process().stderr()).contains("Orphan sweep stopped sandbox");
        McpResponse fresh = second.mcp().callTool("execute_code", Map.of("code", "print('new adapter works')"));
        assertThat(fresh.structured().path("stdout").asText()).isEqualTo("new adapter works");
        it.shared().mcp().callTool("stop_session", Map.of("session_id", bystanderSession));
    }

    @Test
    void adapter_sigtermWithOpenSessions_finishesRunningCallStopsEverySandboxAndExitsZero() throws Exception {
        DevServerProcess devServer = it.shared().devServer();
        String namespace = "it-sigterm";
        AdapterProcess adapter = it.start(it.adapterOnSharedDevServer(namespace).name("adapter-terminated"));
        McpHttp mcp = adapter.mcp();
        mcp.callTool("execute_code", Map.of("code", "x = 1", "session_id", Sessions.newId("term-py")));
        mcp.callTool(
                "execute_command",
                Map.of("command", "true", "template", "node", "session_id", Sessions.newId("term-js")));
        String busy = Sessions.newId("term-busy");
        mcp.callTool("execute_code", Map.of("code", "import time", "session_id", busy));
        Set<String> sandboxes = sandboxNames(mcp);
        assertThat(devServer.running(namespace)).isEqualTo(sandboxes).hasSize(3);
        CompletableFuture<McpResponse> running = CompletableFuture.supplyAsync(() -> mcp.callTool(
                "execute_code",
                Map.of("code", "time.sleep(3)\nprint('finished during shutdown')", "session_id", busy)));
        Poll.until(
                "the slow call to be running",
                Duration.ofSeconds(20),
                () -> "running"
                        .equals(mcp.callTool("get_sessions", Map.of("session_id", busy))
                                .structured()
                                .path("sessions")
                                .get(0)
                                .path("status")
                                .asText()));

        int exit = adapter.terminate(Duration.ofSeconds(60));
        McpResponse finished = running.get(30, TimeUnit.SECONDS);

        assertThat(exit).isZero();
        assertThat(finished.isError()).as(finished.raw()).isFalse();
        assertThat(finished.structured().path("stdout").asText()).isEqualTo("finished during shutdown");
        assertThat(devServer.running(namespace)).isEmpty();
        assertThat(devServer.sandboxes(namespace))
                .extracting(s -> s.path("name").asText())
                .containsAll(sandboxes);
    }

    private static Set<String> sandboxNames(McpHttp mcp) {
        Set<String> names = new TreeSet<>();
        mcp.callTool("get_sessions", Map.of())
                .structured()
                .path("sessions")
                .forEach(s -> names.add(s.path("sandbox_name").asText()));
        return names;
    }
}

package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The background sweeps with short intervals ({@code MSB_SESSION_TIMEOUT=4}, {@code MSB_CLEANUP_INTERVAL=1}, {@code
 * MSB_ORPHAN_CLEANUP_INTERVAL=2}): an idle session is stopped with its sandbox, a call running longer than the idle
 * timeout is not cut off, and a sandbox started behind the adapter's back in its namespace is stopped by the periodic
 * orphan sweep while one in another namespace is left alone.
 */
@Timeout(120)
final class SweepsIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static final String NAMESPACE = "it-sweeps";
    private static AdapterProcess adapter;

    @BeforeAll
    static void startAdapter() {
        adapter = it.start(it.adapterOnSharedDevServer(NAMESPACE)
                .env("MSB_SESSION_TIMEOUT", "4")
                .env("MSB_CLEANUP_INTERVAL", "1")
                .env("MSB_ORPHAN_CLEANUP_INTERVAL", "2"));
    }

    @Test
    void idleSession_pastSessionTimeout_stoppedWithItsSandbox() {
        String session = Sessions.newId("idle");
        McpResponse created = adapter.mcp().callTool("execute_code", Map.of("code", "x = 1", "session_id", session));
        String sandbox = adapter.mcp()
                .callTool("get_sessions", Map.of("session_id", session))
                .structured()
                .path("sessions")
                .get(0)
                .path("sandbox_name")
                .asText();
        long idleSince = System.nanoTime();
        assertThat(created.isError()).isFalse();

        Poll.until(
                "the idle session to expire",
                Duration.ofSeconds(30),
                () -> adapter.mcp()
                        .callTool("get_sessions", Map.of("session_id", session))
                        .body()
                        .has("error"));
        Duration idle = Duration.ofNanos(System.nanoTime() - idleSince);

        assertThat(idle).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        Poll.until(
                "its sandbox to stop",
                Duration.ofSeconds(10),
                () -> !it.shared().devServer().running(NAMESPACE).contains(sandbox));
        McpResponse again = adapter.mcp().callTool("execute_code", Map.of("code", "print(x)", "session_id", session));
        assertThat(again.structured().path("session_created").asBoolean()).isTrue();
        assertThat(again.isError()).isTrue();
        assertThat(again.structured().path("stderr").asText()).contains("NameError");
        adapter.mcp().callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void runningCall_longerThanSessionTimeout_notCutOffByExpiry() {
        String session = Sessions.newId("long");

        McpResponse response = adapter.mcp()
                .callTool(
                        "execute_code",
                        Map.of("code", "import time\ntime.sleep(7)\nprint('still mine')", "session_id", session));

        assertThat(response.isError()).as(response.raw()).isFalse();
        assertThat(response.structured().path("stdout").asText()).isEqualTo("still mine");
        McpResponse next =
                adapter.mcp().callTool("execute_code", Map.of("code", "print(time.time() > 0)", "session_id", session));
        assertThat(next.structured().path("session_created").asBoolean()).isFalse();
        assertThat(next.structured().path("stdout").asText()).isEqualTo("True");
        adapter.mcp().callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void strangerSandboxInNamespace_stoppedByPeriodicOrphanSweep_otherNamespaceUntouched() {
        DevServerProcess devServer = it.shared().devServer();
        String otherNamespace = "it-sweeps-other";
        int stoppedBefore = adapter.health().body().path("orphans_stopped").asInt();
        devServer.startSandbox(NAMESPACE, "stranger-1");
        devServer.startSandbox(otherNamespace, "neighbour-1");
        assertThat(devServer.running(NAMESPACE)).contains("stranger-1");

        Poll.until(
                "the orphan sweep to stop stranger-1",
                Duration.ofSeconds(20),
                () -> adapter.process().stderr().contains("Orphan sweep stopped sandbox 'stranger-1'"));
        Poll.until(
                "the orphan sweep to count it",
                Duration.ofSeconds(10),
                () -> adapter.health().body().path("orphans_stopped").asInt() > stoppedBefore);

        assertThat(devServer.running(NAMESPACE)).doesNotContain("stranger-1");
        assertThat(devServer.running(otherNamespace)).containsExactly("neighbour-1");
        devServer.stopSandbox(otherNamespace, "neighbour-1");
    }
}

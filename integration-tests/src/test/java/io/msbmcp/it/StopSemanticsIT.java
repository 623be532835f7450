package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failing or slow backend, injected by a {@link FaultProxy} in front of the shared dev server: stops that fail with
 * 500 for 20 s make {@code stop_session} an error and the sandbox is stopped once the backend recovers; slow stops never
 * let more than {@code MSB_MAX_SESSIONS} sandboxes run (on a {@link FakeBackend}, so 200 cycles stay quick); a start that reaches the backend after msb-mcp gave up on it is
 * stopped within seconds, not by the orphan sweep.
 */
@Timeout(240)
final class StopSemanticsIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void stopsFailingFor20s_stopSessionIsAnError_sandboxStoppedOnceTheBackendRecovers() throws Exception {
        DevServerProcess devServer = it.shared().devServer();
        try (FaultProxy proxy = FaultProxy.in(devServer.baseUrl())) {
            AdapterProcess adapter = it.start(AdapterProcess.builder(proxy.baseUrl(), "it-stopfail", it.logDir())
                    .name("adapter-stopfail"));
            McpHttp mcp = adapter.mcp();
            String id = Sessions.newId("stopfail");
            assertThat(mcp.callTool("execute_code", Map.of("code", "x = 1", "session_id", id))
                            .isError())
                    .isFalse();
            String sandbox = mcp.callTool("get_sessions", Map.of("session_id", id))
                    .structured()
                    .path("sessions")
                    .get(0)
                    .path("sandbox_name")
                    .asText();

            proxy.failStops = true;
            long failingSince = System.nanoTime();
            McpResponse stop = mcp.callTool("stop_session", Map.of("session_id", id));

            assertThat(stop.errorCode()).as(stop.raw()).isEqualTo("CONNECTION_ERROR");
            assertThat(stop.error().path("message").asText()).contains("failed").contains("keeps retrying");
            assertThat(stop.raw()).doesNotContain("\"stopped\":true");
            while (System.nanoTime() - failingSince < Duration.ofSeconds(20).toNanos()) {
                assertThat(devServer.running("it-stopfail")).contains(sandbox);
                assertThat(adapter.health().body().path("active_sessions").asInt())
                        .as("the slot stays taken while the sandbox runs")
                        .isEqualTo(1);
                Thread.sleep(2_000);
            }
            assertThat(proxy.failedStops.get())
                    .as("stops retried while failing")
                    .isGreaterThan(2);

            proxy.failStops = false;
            long recovered = System.nanoTime();
            Poll.until(
                    "the sandbox to be stopped",
                    Duration.ofSeconds(30),
                    () -> !devServer.running("it-stopfail").contains(sandbox));
            System.out.printf(
                    "[StopSemanticsIT] sandbox stopped %d ms after the backend recovered (%d failed stops)%n",
                    (System.nanoTime() - recovered) / 1_000_000, proxy.failedStops.get());
            Poll.until(
                    "the slot to be given back",
                    Duration.ofSeconds(10),
                    () -> adapter.health().body().path("active_sessions").asInt() == 0);
        }
    }

    /** The running sandboxes of {@code namespace}; none while the namespace does not exist yet. */
    private static Set<String> running(DevServerProcess devServer, String namespace) {
        try {
            return devServer.running(namespace);
        } catch (AssertionError e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Set.of();
            }
            throw e;
        }
    }

    @Test
    void slowStops_200CreateStopCycles_neverMoreThanMaxSessionsRunning() throws Exception {
        int maxSessions = 8;
        int cycles = 200;
        try (FakeBackend backend = FakeBackend.start()) {
            backend.stopDelay = Duration.ofSeconds(1);
            AdapterProcess adapter = it.start(AdapterProcess.builder(backend.baseUrl(), "it-cycles", it.logDir())
                    .name("adapter-cycles")
                    .env("MSB_MAX_SESSIONS", Integer.toString(maxSessions)));
            McpHttp mcp = adapter.mcp();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger completed = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2 * maxSessions);
            long started = System.nanoTime();
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < 2 * maxSessions; w++) {
                    workers.add(pool.submit(() -> {
                        while (next.getAndIncrement() < cycles) {
                            String id = Sessions.newId("cycle");
                            McpResponse run;
                            while (true) {
                                run = mcp.callTool("execute_command", Map.of("command", "true", "session_id", id));
                                if (!run.body().has("error") || !"RESOURCE_LIMIT_EXCEEDED".equals(run.errorCode())) {
                                    break;
                                }
                                refused.incrementAndGet();
                                Thread.sleep(50);
                            }
                            assertThat(run.isError()).as(run.raw()).isFalse();
                            McpResponse stop = mcp.callTool("stop_session", Map.of("session_id", id));
                            assertThat(stop.structured().path("stopped").asBoolean())
                                    .as(stop.raw())
                                    .isTrue();
                            completed.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get(150, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.printf(
                    "[StopSemanticsIT] %d create/stop cycles with 1 s stops in %d ms: at most %d of %d sandboxes"
                            + " running at once, %d creations refused for the limit%n",
                    completed.get(),
                    (System.nanoTime() - started) / 1_000_000,
                    backend.maxRunning.get(),
                    maxSessions,
                    refused.get());
            assertThat(completed).hasValue(cycles);
            assertThat(backend.starts).hasValue(cycles);
            assertThat(backend.maxRunning.get()).isLessThanOrEqualTo(maxSessions);
            assertThat(backend.running()).isZero();
        }
    }

    @Test
    void startReachingTheBackendAfterOurTimeout_sandboxStoppedWithinSeconds() throws Exception {
        DevServerProcess devServer = it.shared().devServer();
        try (FaultProxy proxy = FaultProxy.in(devServer.baseUrl())) {
            // msb-mcp waits MSB_SANDBOX_START_TIMEOUT + 30 s = 31 s for the start; the backend gets it after 34 s
            proxy.startForwardDelay = Duration.ofSeconds(34);
            AdapterProcess adapter = it.start(AdapterProcess.builder(proxy.baseUrl(), "it-latestart", it.logDir())
                    .name("adapter-latestart")
                    .env("MSB_SANDBOX_START_TIMEOUT", "1"));
            McpHttp mcp = adapter.mcp();

            McpResponse timedOut = mcp.callTool("execute_code", Map.of("code", "print(1)"));

            assertThat(timedOut.errorCode()).as(timedOut.raw()).isEqualTo("CONNECTION_ERROR");
            String sandbox = Poll.value(
                    "the late start to reach the dev server",
                    Duration.ofSeconds(20),
                    () -> running(devServer, "it-latestart").stream().findFirst());
            long appeared = System.nanoTime();
            Poll.until(
                    "the late sandbox to be stopped",
                    Duration.ofSeconds(15),
                    () -> !running(devServer, "it-latestart").contains(sandbox));
            System.out.printf(
                    "[StopSemanticsIT] a start that completed after msb-mcp's timeout was stopped %d ms after it"
                            + " appeared%n",
                    (System.nanoTime() - appeared) / 1_000_000);
            JsonNode health = adapter.health().body();
            assertThat(health.path("orphans_stopped").asInt())
                    .as("stopped by the start's own watch, not the orphan sweep")
                    .isZero();
        }
    }
}

package io.msbmcp.adapter.server;

import static io.msbmcp.adapter.testing.Backend.replOutput;
import static io.msbmcp.adapter.testing.Backend.rpc;
import static io.msbmcp.adapter.testing.Backend.stdout;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 200 slow tool calls at once all run at once: tool handlers run on Jetty threads (pool of 400), not on Reactor's
 * boundedElastic scheduler, whose 10-threads-per-core cap would need at least 200 / 20 × 2 s = 20 s on a 2-core
 * machine. A small untimed round first warms up the JIT and the thread pools, so the figure measures concurrency.
 */
@Timeout(90)
final class ConcurrencyTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    private static final int WARM_UP_CALLS = 20;
    private static final int CALLS = 200;
    private static final Duration RUN_TIME = Duration.ofSeconds(2);

    @Test
    void listenBacklog_holdsABurstOfConnectionsBeyondJavasDefault() throws Exception {
        Backend.healthy(backend);
        try (TestServer server = TestServer.start(backend.baseUrl(), s -> s, w -> w)) {
            assertThat(server.server().acceptQueueSize()).isGreaterThanOrEqualTo(4 * CALLS);
            List<java.net.Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < CALLS; i++) {
                    java.net.Socket socket = new java.net.Socket();
                    socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5_000);
                    sockets.add(socket);
                }
                assertThat(server.http().get("/health").status()).isEqualTo(200);
            } finally {
                for (java.net.Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void twoHundredSlowCalls_runConcurrently() {
        Backend.healthy(backend);
        backend.stubFor(rpc("sandbox.repl.run")
                .willReturn(replOutput(stdout("done")).withFixedDelay((int) RUN_TIME.toMillis())));
        try (TestServer server =
                TestServer.start(backend.baseUrl(), s -> s, w -> w.maxSessions(WARM_UP_CALLS + CALLS))) {
            Http http = server.http();
            run(http, "warm-up", WARM_UP_CALLS);

            long start = System.nanoTime();
            List<Http.Response> responses = run(http, "parallel", CALLS);
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf(
                    "ConcurrencyTest: %d concurrent execute_code calls, each held %d s by the backend, took %d ms"
                            + " (one at a time: %d s; capped at 20 at a time: %d s)%n",
                    CALLS,
                    RUN_TIME.toSeconds(),
                    wall.toMillis(),
                    CALLS * RUN_TIME.toSeconds(),
                    CALLS / 20 * RUN_TIME.toSeconds());

            assertThat(responses).allSatisfy(response -> {
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json()
                                .get("result")
                                .get("structuredContent")
                                .get("stdout")
                                .asText())
                        .isEqualTo("done");
            });
            assertThat(wall).isLessThan(Duration.ofSeconds(15));
        }
    }

    private static List<Http.Response> run(Http http, String prefix, int count) {
        List<CompletableFuture<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(http.sendAsync(
                    "POST",
                    "/mcp",
                    http.toolCall("execute_code", Map.of("code", "slow()", "session_id", prefix + "-" + i)),
                    "Content-Type",
                    "application/json"));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }
}

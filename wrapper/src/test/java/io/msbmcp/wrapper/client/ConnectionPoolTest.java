package io.msbmcp.wrapper.client;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.msbmcp.wrapper.client.Fixtures.TIMEOUTS;
import static io.msbmcp.wrapper.client.Fixtures.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.wrapper.model.ReplRunParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client keeps a connection per session that may run at once, so a steady load reuses its connections. */
@Timeout(15)
final class ConnectionPoolTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(64))
            .build();

    @Test
    void idleConnections_oneForEachSessionAllowedPlusTheBackgroundWork() {
        assertThat(OkHttpMicrosandboxClient.idleConnections(
                        Fixtures.config(server).maxSessions(50).build()))
                .isEqualTo(58);
    }

    @Test
    void keepAlive_endsBeforeOkHttpChecksAnIdleConnectionWithABlockingRead() {
        // OkHttp 4.12 (RealConnection.IDLE_CONNECTION_HEALTHY_NS): before a POST on a connection idle for 10 s or more
        // it reads with a 1-ms timeout; the sweeper closes connections within milliseconds of the keep-alive
        assertThat(OkHttpMicrosandboxClient.CONNECTION_KEEP_ALIVE)
                .isPositive()
                .isLessThanOrEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void sixteenConcurrentRuns_keepSixteenConnectionsOpenForTheNextOnes() throws Exception {
        server.stubFor(rpc("sandbox.repl.run")
                .willReturn(Fixtures.result("{\"status\":\"success\",\"language\":\"python\",\"output\":[]}")));
        OkHttpMicrosandboxClient client = new OkHttpMicrosandboxClient(
                Fixtures.config(server).maxSessions(16).build(), TIMEOUTS);
        int parallel = 16;
        CyclicBarrier together = new CyclicBarrier(parallel);
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                String sandbox = "s" + i;
                runs.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                together.await();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            client.runRepl(new ReplRunParams(sandbox, "msb-mcp", "python", "print(1)", 5L));
                        },
                        threads));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();

            assertThat(client.openConnections()).isGreaterThan(5).isLessThanOrEqualTo(parallel);
        } finally {
            threads.shutdownNow();
            client.close();
        }
    }
}

package io.msbmcp.wrapper.client;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.time.Duration;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pool whose sweeper is not woken per call still reuses, limits and closes connections as OkHttp's does. */
@Timeout(20)
final class QuietConnectionPoolTest {
    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void sequentialCalls_reuseOneConnection() throws IOException {
        server.stubFor(get("/ping").willReturn(okJson("{}")));
        ConnectionPool pool = QuietConnectionPool.create(4, Duration.ofMinutes(5));
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();

        for (int i = 0; i < 20; i++) {
            call(client);
        }

        assertThat(pool.connectionCount()).isEqualTo(1);
        assertThat(pool.idleConnectionCount()).isEqualTo(1);
        pool.evictAll();
        assertThat(pool.connectionCount()).isZero();
    }

    @Test
    void idleConnectionPastItsKeepAlive_isClosedByTheSweeperWithoutAnotherCall() throws Exception {
        server.stubFor(get("/ping").willReturn(okJson("{}")));
        ConnectionPool pool = QuietConnectionPool.create(4, Duration.ofMillis(200), Duration.ofMillis(50));
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();

        call(client);
        assertThat(pool.idleConnectionCount()).isEqualTo(1);

        assertThat(waitForNoConnections(pool, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void idleConnectionsAboveTheLimit_areClosedBySweeps() throws Exception {
        server.stubFor(get("/ping").willReturn(okJson("{}").withFixedDelay(300)));
        ConnectionPool pool = QuietConnectionPool.create(1, Duration.ofMinutes(5), Duration.ofMillis(50));
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
        Thread[] calls = new Thread[3];
        for (int i = 0; i < calls.length; i++) {
            calls[i] = new Thread(() -> {
                try {
                    call(client);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            calls[i].start();
        }
        for (Thread call : calls) {
            call.join();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.connectionCount() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pool.connectionCount()).isEqualTo(1);
    }

    private static boolean waitForNoConnections(ConnectionPool pool, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (pool.connectionCount() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static void call(OkHttpClient client) throws IOException {
        Request request = new Request.Builder().url(server.baseUrl() + "/ping").build();
        try (Response response = client.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(200);
            response.body().string();
        }
    }
}

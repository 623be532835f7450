package io.msbmcp.adapter.server;

import static io.msbmcp.adapter.testing.Backend.replOutput;
import static io.msbmcp.adapter.testing.Backend.rpc;
import static io.msbmcp.adapter.testing.Backend.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.testing.Backend;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.TestServer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Closing the server lets a running call finish, refuses new ones, and closing the wrapper stops the sandboxes. */
@Timeout(30)
final class GracefulShutdownTest {
    @RegisterExtension
    static final WireMockExtension backend = Backend.extension();

    @Test
    void close_duringSlowCall_callCompletesThenSandboxesStop() throws Exception {
        Backend.healthy(backend);
        backend.stubFor(rpc("sandbox.repl.run")
                .willReturn(replOutput(stdout("finished")).withFixedDelay(1500)));
        TestServer server = TestServer.start(backend);
        Http http = server.http();
        CompletableFuture<Http.Response> call = http.sendAsync(
                "POST",
                "/mcp",
                http.toolCall("execute_code", Map.of("code", "slow()", "session_id", "in-flight")),
                "Content-Type",
                "application/json");
        while (Backend.calls(backend, "sandbox.repl.run").isEmpty()) {
            Thread.onSpinWait();
        }

        server.server().close();

        Http.Response response = call.join();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()
                        .get("result")
                        .get("structuredContent")
                        .get("stdout")
                        .asText())
                .isEqualTo("finished");
        assertThatThrownBy(() -> http.get("/health")).isInstanceOf(java.io.UncheckedIOException.class);
        int stopsBefore = Backend.calls(backend, "sandbox.stop").size();

        server.wrapper().close();

        assertThat(Backend.calls(backend, "sandbox.stop")).hasSizeGreaterThan(stopsBefore);
    }
}

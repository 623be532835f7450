package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code java -jar msb-mcp.jar --dev}: one process with the dev server embedded, whatever {@code MSB_SERVER_URL}
 * says. It runs code, reports healthy, and on SIGTERM exits 0 leaving no sandbox process behind.
 */
@Timeout(120)
final class DevModeIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void devFlag_embeddedDevServer_runsCodeAndLeavesNothingBehindOnSigterm() {
        AdapterProcess adapter =
                it.start(AdapterProcess.builder(URI.create("http://127.0.0.1:9"), "it-dev", it.logDir())
                        .name("adapter-dev")
                        .flag("--dev"));
        adapter.awaitHealthy(Duration.ofSeconds(30));
        String session = Sessions.newId("dev");

        McpResponse python =
                adapter.mcp().callTool("execute_code", Map.of("code", "print(6 * 7)", "session_id", session));
        McpResponse node =
                adapter.mcp().callTool("execute_code", Map.of("code", "console.log(6 * 7)", "template", "node"));
        AdapterProcess.Health health = adapter.health();
        List<ProcessHandle> children = adapter.process().descendants();
        int exit = adapter.terminate(Duration.ofSeconds(60));

        assertThat(python.structured().path("stdout").asText()).isEqualTo("42");
        assertThat(node.structured().path("stdout").asText()).isEqualTo("42");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("microsandbox_url").asText())
                .startsWith("http://127.0.0.1:")
                .doesNotEndWith(":9");
        assertThat(children).as("the sandboxes run as child processes").isNotEmpty();
        assertThat(exit).isZero();
        Poll.until(
                "every sandbox process to end",
                Duration.ofSeconds(10),
                () -> children.stream().noneMatch(ProcessHandle::isAlive));
    }
}

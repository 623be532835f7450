package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official conformance suite ({@code @modelcontextprotocol/conformance} 0.1.16, on Node 22 from npm) against the
 * shared adapter's {@code /mcp}, named {@code localhost} so that {@code dns-rebinding-protection} is meaningful. The
 * baseline {@code integration-tests/conformance-baseline.yml} lists only the scenarios that need the suite's own
 * fixture tools, resources or prompts; exit 0 therefore means every fixture-free scenario passed and every listed one
 * still fails.
 */
@Timeout(600)
final class ConformanceIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    static final List<String> FIXTURE_FREE = List.of(
            "server-initialize",
            "logging-set-level",
            "ping",
            "tools-list",
            "resources-list",
            "prompts-list",
            "resources-subscribe",
            "resources-unsubscribe",
            "server-sse-multiple-streams",
            "dns-rebinding-protection");

    @Test
    void conformanceSuite_fixtureScenariosAsBaseline_everyFixtureFreeScenarioPasses() throws IOException {
        Path baseline = ItEnv.clientsSource().getParent().resolve("conformance-baseline.yml");
        List<String> listed = Files.readAllLines(baseline).stream()
                .filter(line -> line.startsWith("  - "))
                .map(line -> line.substring(4).trim())
                .toList();
        assertThat(listed).as("the baseline lists fixture scenarios only").doesNotContainAnyElementsOf(FIXTURE_FREE);
        String url = it.shared().adapter().localhostMcpUrl().toString();
        Path results = ItEnv.newDir("conformance", "results");

        Processes.Result run = Processes.run(
                "conformance",
                List.of(
                        NodeClients.node22().toString(),
                        NodeClients.bin("conformance").toString(),
                        "server",
                        "--url",
                        url,
                        "--expected-failures",
                        baseline.toString(),
                        "-o",
                        results.toString()),
                Map.of(),
                NodeClients.dir(),
                it.logDir(),
                Duration.ofMinutes(8));

        String summary = run.stdout().contains("=== SUMMARY ===")
                ? run.stdout().substring(run.stdout().indexOf("=== SUMMARY ==="))
                : "(no summary)";
        System.out.printf("[it] conformance run took %d s%n%s%n", run.elapsed().toSeconds(), summary.strip());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        for (String scenario : FIXTURE_FREE) {
            assertThat(summary).as(scenario).containsPattern("(?m)^✓ " + scenario + ": [1-9]\\d* passed, 0 failed$");
        }
        for (String scenario : listed) {
            assertThat(summary).as(scenario).containsPattern("(?m)^✗ " + scenario + ": ");
        }
        for (String vacuous : List.of("tools-call-simple-text", "tools-call-error")) {
            assertThat(checks(results, vacuous))
                    .as("%s fails because an unknown tool is a JSON-RPC error here, not an isError result", vacuous)
                    .contains("-32602")
                    .contains("Unknown tool");
        }
    }

    private static String checks(Path results, String scenario) throws IOException {
        try (var dirs = Files.list(results)) {
            Path dir = dirs.filter(d -> d.getFileName().toString().startsWith("server-" + scenario + "-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no results for " + scenario + " in " + results));
            return Files.readString(dir.resolve("checks.json"));
        }
    }
}

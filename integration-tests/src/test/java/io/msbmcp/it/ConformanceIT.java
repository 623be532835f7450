package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * still fails. The same baseline holds for 0.2.0-alpha.12 scoring the 2025-11-25 requirement set (the legacy era of
 * the newer suite); its 2026-07-28 run is {@link ConformanceModernIT}.
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

    /** The 0.1.16 suite's package and the 0.2.0-alpha.12 one (npm alias {@code conformance-next}). */
    static final String SUITE_0_1_16 = "@modelcontextprotocol/conformance/dist/index.js";

    static final String SUITE_0_2_0_ALPHA_12 = "conformance-next/dist/index.js";

    @Test
    void conformanceSuite_fixtureScenariosAsBaseline_everyFixtureFreeScenarioPasses() throws IOException {
        Path results = ItEnv.newDir("conformance", "results");

        String summary = runWithBaseline(SUITE_0_1_16, List.of(), results);

        for (String scenario : FIXTURE_FREE) {
            assertThat(summary).as(scenario).containsPattern("(?m)^✓ " + scenario + ": [1-9]\\d* passed, 0 failed$");
        }
        for (String scenario : listed()) {
            assertThat(summary).as(scenario).containsPattern("(?m)^✗ " + scenario + ": ");
        }
        for (String vacuous : List.of("tools-call-simple-text", "tools-call-error")) {
            assertThat(checks(results, vacuous))
                    .as("%s fails because an unknown tool is a JSON-RPC error here, not an isError result", vacuous)
                    .contains("-32602")
                    .contains("Unknown tool");
        }
    }

    /**
     * 0.2.0-alpha.12 with {@code --requirements 2025-11-25}: the legacy era scored by the newer suite passes what
     * 0.1.16 passes, with the same baseline, plus {@code server-session-lifecycle} (DELETE ends an MCP session, the
     * stale id then gets 404), which that release added and runs unscored.
     */
    @Test
    void conformanceNext_requirements20251125_passesWhatTheOldSuitePasses() throws IOException {
        Path results = ItEnv.newDir("conformance", "results-next-2025-11-25");

        String summary = runWithBaseline(SUITE_0_2_0_ALPHA_12, List.of("--requirements", "2025-11-25"), results);

        for (String scenario : FIXTURE_FREE) {
            assertThat(summary).as(scenario).containsPattern("(?m)^✓ " + scenario + ": [1-9]\\d* passed, 0 failed$");
        }
        assertThat(summary).containsPattern("(?m)^✓ server-session-lifecycle: [1-9]\\d* passed, 0 failed$");
        for (String scenario : listed()) {
            assertThat(summary).as(scenario).containsPattern("(?m)^✗ " + scenario + ": ");
        }
        assertThat(summary).contains("Baseline check passed");
    }

    /** Runs {@code suite} with the baseline against the shared adapter; asserts exit 0 and returns the summary. */
    private static String runWithBaseline(String suite, List<String> flags, Path results) throws IOException {
        assertThat(listed()).as("the baseline lists fixture scenarios only").doesNotContainAnyElementsOf(FIXTURE_FREE);
        String url = it.shared().adapter().localhostMcpUrl().toString();
        List<String> command = new ArrayList<>(List.of(
                NodeClients.node22().toString(),
                NodeClients.module(suite).toString(),
                "server",
                "--url",
                url,
                "--expected-failures",
                baseline().toString(),
                "-o",
                results.toString()));
        command.addAll(flags);

        Processes.Result run =
                Processes.run("conformance", command, Map.of(), NodeClients.dir(), it.logDir(), Duration.ofMinutes(8));

        String summary = summary(run.stdout());
        System.out.printf(
                "[it] conformance %s %s took %d s%n%s%n",
                suite, flags, run.elapsed().toSeconds(), summary.strip());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return summary;
    }

    static String summary(String stdout) {
        return stdout.contains("=== SUMMARY ===")
                ? stdout.substring(stdout.indexOf("=== SUMMARY ==="))
                : "(no summary)";
    }

    private static Path baseline() {
        return ItEnv.clientsSource().getParent().resolve("conformance-baseline.yml");
    }

    private static List<String> listed() throws IOException {
        return Files.readAllLines(baseline()).stream()
                .filter(line -> line.startsWith("  - "))
                .map(line -> line.substring(4).trim())
                .toList();
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

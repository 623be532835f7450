package io.msbmcp.adapter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.config.ServerConfigLoader;
import io.msbmcp.wrapper.config.WrapperConfigLoader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * README.md, the Dockerfile, .ci/run and the adapter's pom agree: one build command, one jar path, one test command;
 * and the Dockerfile is the image issue 5 asks for (multi-stage, JRE, non-root, 0.0.0.0:8000, health check on
 * /health, only documented variables).
 */
@Timeout(30)
final class BuildConsistencyTest {
    static final String LAUNCHER = "bin/msb-mcp";

    /** The quick-start line of README.md: {@code <build> && bin/msb-mcp --dev}. */
    private static String[] quickStart() {
        for (Markdown.CodeBlock block : Markdown.read("README.md").codeBlocks()) {
            for (String line : block.body().split("\n")) {
                if (line.contains(LAUNCHER) && line.contains(" && ")) {
                    String[] parts = line.strip().split(" && ");
                    assertThat(parts).hasSize(2);
                    return parts;
                }
            }
        }
        throw new AssertionError("README.md has no '<build> && bin/msb-mcp …' line");
    }

    /** Where the adapter's pom makes the runnable jar, relative to the repository root. */
    private static String jarPath() {
        Matcher m = Pattern.compile("<outputFile>\\$\\{project\\.build\\.directory}/([^<]+)</outputFile>")
                .matcher(Repo.read("adapter/pom.xml"));
        assertThat(m.find()).as("shade outputFile in adapter/pom.xml").isTrue();
        return "adapter/target/" + m.group(1);
    }

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    private static List<String> dockerfile() {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : Repo.read("Dockerfile").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                current.append(line);
                instructions.add(current.toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static List<String> instructions(String keyword) {
        return dockerfile().stream()
                .filter(i -> i.startsWith(keyword + " "))
                .map(i -> i.substring(keyword.length() + 1))
                .toList();
    }

    @Test
    void readmeQuickStart_runsTheLauncher_whichRunsTheJarThePomBuilds() {
        String[] quickStart = quickStart();

        assertThat(quickStart[0]).startsWith("mvn ").contains("package");
        assertThat(quickStart[1]).isEqualTo(LAUNCHER + " --dev");
        assertThat(Files.isExecutable(Repo.path(LAUNCHER)))
                .as(LAUNCHER + " is executable")
                .isTrue();
        assertThat(Repo.read(LAUNCHER)).contains("/" + jarPath(), "/msb-mcp.jar", "jvm.options", "exec ");
    }

    @Test
    void jvmOptions_oneOptionALine_boundTheHeap() {
        List<String> options = Repo.read("bin/jvm.options")
                .lines()
                .map(line -> line.replaceAll("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .toList();

        assertThat(options)
                .allSatisfy(option -> assertThat(option).startsWith("-").doesNotContain(" "));
        assertThat(options).anySatisfy(option -> assertThat(option).startsWith("-Xmx"));
        assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void dockerfile_copiesEveryModuleOfTheBuild() {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Repo.read("pom.xml"));
        List<String> copies = instructions("COPY");
        while (m.find()) {
            String module = m.group(1);
            assertThat(copies).as("COPY of module %s", module).contains(module + " " + module);
        }
    }

    @Test
    void dockerfile_buildsWithTheReadmeCommand_andRunsThatJar() {
        String build = quickStart()[0];

        assertThat(instructions("RUN")).anySatisfy(run -> assertThat(run).endsWith(" " + build));
        assertThat(instructions("COPY"))
                .anySatisfy(copy -> assertThat(copy)
                        .startsWith("--from=build ")
                        .contains("/" + jarPath() + " /opt/msb-mcp/msb-mcp.jar"));
        assertThat(instructions("COPY"))
                .anySatisfy(copy -> assertThat(copy).isEqualTo(LAUNCHER + " bin/jvm.options /opt/msb-mcp/bin/"));
        assertThat(instructions("RUN")).contains("/opt/msb-mcp/" + LAUNCHER + " --version");
        assertThat(instructions("ENTRYPOINT")).containsExactly("[\"/opt/msb-mcp/" + LAUNCHER + "\"]");
    }

    @Test
    void readmeTestCommand_isWhatCiRuns() {
        List<String> readmeCommands = new ArrayList<>();
        for (Markdown.CodeBlock block : Markdown.read("README.md").codeBlocks()) {
            readmeCommands.addAll(List.of(block.body().strip().split("\n")));
        }
        List<String> ciLines = Repo.read(".ci/run").lines().map(String::strip).toList();

        assertThat(readmeCommands).contains("mvn -B verify");
        assertThat(ciLines).contains("mvn -B verify");
    }

    @Test
    void dockerfile_isMultiStage_withAJreRuntime() {
        List<String> from = instructions("FROM");

        assertThat(from).hasSizeGreaterThanOrEqualTo(2);
        assertThat(from.get(0)).contains("maven").endsWith(" AS build");
        assertThat(from.get(from.size() - 1)).contains("jre");
    }

    @Test
    void dockerfile_runsAsNonRoot() {
        List<String> users = instructions("USER");

        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1).split(":")[0]).isNotIn("root", "0");
    }

    @Test
    void dockerfile_listensOnAllInterfacesOnTheDefaultPort_withAHealthCheck() {
        Map<String, String> env = dockerEnv();
        int port = ServerConfigLoader.from(env).port();

        assertThat(env).containsEntry("MCP_SERVER_HOST", "0.0.0.0");
        assertThat(port).isEqualTo(ServerConfig.DEFAULT_PORT);
        assertThat(instructions("EXPOSE")).containsExactly(Integer.toString(port));
        assertThat(instructions("HEALTHCHECK"))
                .singleElement()
                .asString()
                .contains("CMD ")
                .contains(":" + port + "/health");
    }

    @Test
    void dockerfile_setsOnlyDocumentedValidVariables() {
        Map<String, String> env = dockerEnv();
        Set<String> read = new TreeSet<>(ServerConfigLoader.VARIABLES);
        read.addAll(WrapperConfigLoader.VARIABLES);

        assertThat(read).containsAll(env.keySet());
        ServerConfigLoader.from(env);
        WrapperConfigLoader.from(env);
    }

    @Test
    void dockerignore_keepsBuildOutputOutOfTheContext() {
        assertThat(Repo.read(".dockerignore").lines()).contains("**/target/", ".git/");
    }

    private static Map<String, String> dockerEnv() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String instruction : instructions("ENV")) {
            for (String pair : instruction.split(" ")) {
                int eq = pair.indexOf('=');
                assertThat(eq).as("ENV %s uses KEY=value", pair).isPositive();
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return env;
    }
}

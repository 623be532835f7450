package io.msbmcp.adapter.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.msbmcp.adapter.cli.ExitCodes;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.config.ServerConfigLoader;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.config.WrapperConfigLoader;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * systemd/msb-mcp.service and systemd/msb-mcp.env: {@code systemd-analyze verify} accepts the unit, the unit has the
 * ordering, user, hardening, restart and stop settings issue 5 asks for (with a stop timeout computed from the
 * server's real grace periods), and the env file lists exactly the variables the code reads, with valid values.
 */
@Timeout(60)
final class SystemdUnitTest {
    private static final String UNIT = "systemd/msb-mcp.service";
    private static final String ENV_FILE = "systemd/msb-mcp.env";
    private static final Pattern ASSIGNMENT = Pattern.compile("^(#?)([A-Z][A-Z0-9_]*)=(.*)$");

    /** The unit's settings: "Section.Key" to every value it is given, in order. */
    private static Map<String, List<String>> unit() {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        String section = "";
        for (String raw : Repo.read(UNIT).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.substring(1, line.indexOf(']'));
                continue;
            }
            int eq = line.indexOf('=');
            settings.computeIfAbsent(section + "." + line.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(line.substring(eq + 1).strip());
        }
        return settings;
    }

    private static String one(String key) {
        List<String> values = unit().get(key);
        assertThat(values).as(key).isNotNull().hasSize(1);
        return values.get(0);
    }

    private static List<String> words(String key) {
        List<String> words = new ArrayList<>();
        for (String value : unit().getOrDefault(key, List.of())) {
            words.addAll(List.of(value.split("\\s+")));
        }
        return words;
    }

    /** The env file's assignments, active or commented out: name to {commented, value}. */
    private static Map<String, String[]> envFile() {
        Map<String, String[]> assignments = new LinkedHashMap<>();
        for (String line : Repo.read(ENV_FILE).split("\n")) {
            Matcher m = ASSIGNMENT.matcher(line.strip());
            if (m.matches()) {
                assertThat(assignments.put(m.group(2), new String[] {m.group(1), m.group(3)}))
                        .as("%s assigned twice in %s", m.group(2), ENV_FILE)
                        .isNull();
            }
        }
        return assignments;
    }

    @Test
    void systemdAnalyzeVerify_acceptsTheUnit() throws Exception {
        boolean available = Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))
                || Files.isExecutable(Path.of("/bin/systemd-analyze"));
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(available, "systemd-analyze is not installed (CI installs the systemd package)");
        }
        assertThat(available)
                .as("systemd-analyze is installed (package systemd)")
                .isTrue();

        Process process = new ProcessBuilder(
                        "systemd-analyze", "verify", Repo.path(UNIT).toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        assertThat(process.waitFor(45, TimeUnit.SECONDS))
                .as("systemd-analyze finished")
                .isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as("systemd-analyze verify: %s", output).isZero();
        assertThat(output)
                .as("systemd-analyze verify output")
                .doesNotContain(Repo.path(UNIT).toString());
    }

    @Test
    void unit_startsAfterMicrosandboxAndWantsButDoesNotRequireIt() {
        assertThat(words("Unit.Wants")).contains("microsandbox.service");
        assertThat(words("Unit.After")).contains("microsandbox.service");
        assertThat(unit()).doesNotContainKeys("Unit.Requires", "Unit.BindsTo", "Unit.Requisite", "Unit.PartOf");
    }

    @Test
    void unit_runsTheLauncherAsAnUnprivilegedUserWithItsEnvFile() {
        assertThat(one("Service.User")).isNotIn("root", "0");
        assertThat(one("Service.ExecStart")).isEqualTo("/bin/bash /opt/msb-mcp/bin/msb-mcp");
        assertThat(one("Service.EnvironmentFile")).isEqualTo("/etc/msb-mcp/msb-mcp.env");
        assertThat(one("Service.CapabilityBoundingSet")).isEmpty();
    }

    @Test
    void unit_hasTheUsualHardening() {
        assertThat(one("Service.NoNewPrivileges")).isEqualTo("yes");
        assertThat(one("Service.ProtectSystem")).isEqualTo("strict");
        assertThat(one("Service.PrivateTmp")).isEqualTo("yes");
        assertThat(words("Service.RestrictAddressFamilies"))
                .containsExactlyInAnyOrder("AF_INET", "AF_INET6", "AF_UNIX");
        assertThat(one("Service.MemoryMax")).matches("\\d+[KMG]");
    }

    @Test
    void unit_restartsOnFailureButNotOnABadConfiguration() {
        assertThat(one("Service.Restart")).isEqualTo("on-failure");
        assertThat(words("Service.RestartPreventExitStatus")).contains(Integer.toString(ExitCodes.USAGE));
    }

    @Test
    void unit_stopTimeout_outlastsTheServersGracePeriods() throws Exception {
        Map<String, String> active = new LinkedHashMap<>();
        envFile().forEach((name, value) -> {
            if (value[0].isEmpty()) {
                active.put(name, value[1]);
            }
        });
        Duration grace = ServerConfigLoader.from(active).shutdownTimeout();
        Field deadline = MicrosandboxWrapper.class.getDeclaredField("SHUTDOWN_STOP_DEADLINE");
        deadline.setAccessible(true);
        Duration sandboxStops = (Duration) deadline.get(null);
        // running calls, then stopping the sandboxes, then waiting for stops already under way (same deadline)
        Duration needed = grace.plus(sandboxStops).plus(sandboxStops);

        assertThat(one("Service.KillSignal")).isEqualTo("SIGTERM");
        assertThat(Duration.ofSeconds(Long.parseLong(one("Service.TimeoutStopSec"))))
                .isGreaterThan(needed);
        assertThat(ServerConfig.DEFAULT_SHUTDOWN_TIMEOUT).isLessThanOrEqualTo(grace);
    }

    @Test
    void envFile_listsExactlyTheVariablesTheCodeReads() {
        Set<String> read = new TreeSet<>(ServerConfigLoader.VARIABLES);
        read.addAll(WrapperConfigLoader.VARIABLES);

        assertThat(envFile().keySet()).containsExactlyInAnyOrderElementsOf(read);
    }

    @Test
    void envFile_valuesAreValid_activeTogetherAndEachCommentedOne() {
        Map<String, String> active = new LinkedHashMap<>();
        envFile().forEach((name, value) -> {
            if (value[0].isEmpty()) {
                active.put(name, value[1]);
            }
        });
        assertThatCode(() -> ServerConfigLoader.from(active)).doesNotThrowAnyException();
        assertThatCode(() -> WrapperConfigLoader.from(active)).doesNotThrowAnyException();

        envFile().forEach((name, value) -> {
            if (name.endsWith("_FILE")) {
                return; // names a file that exists only where the service is installed (AuthTokensTest reads one)
            }
            Map<String, String> one = Map.of(name, value[1]);
            assertThatCode(() -> {
                        ServerConfigLoader.from(one);
                        WrapperConfigLoader.from(one);
                    })
                    .as("%s=%s", name, value[1])
                    .doesNotThrowAnyException();
        });
    }

    @Test
    void envFile_activeValues_areTheDefaultsExceptTheLogFormat() {
        Map<String, String> active = new LinkedHashMap<>();
        envFile().forEach((name, value) -> {
            if (value[0].isEmpty() && !name.equals("MCP_LOG_FORMAT")) {
                active.put(name, value[1]);
            }
        });

        assertThat(ServerConfigLoader.from(active)).isEqualTo(ServerConfigLoader.from(Map.of()));
        assertThat(WrapperConfigLoader.from(active)).isEqualTo(WrapperConfigLoader.from(Map.of()));
    }
}

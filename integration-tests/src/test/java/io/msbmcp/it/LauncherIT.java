package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bin/msb-mcp}, installed as docs/deployment.md installs it ({@code <dir>/msb-mcp.jar}, {@code
 * <dir>/bin/msb-mcp}, {@code <dir>/bin/jvm.options}): runs the jar with the options of jvm.options, makes the
 * class-data archive on its first run and uses it on the next ones. The test's copy of jvm.options adds {@code
 * -XX:+PrintCommandLineFlags}, so the JVM says which flags it got. The launcher also sets glibc's {@code
 * MALLOC_ARENA_MAX} for the JVM, which a stand-in {@code java} that prints it shows.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class LauncherIT {
    private static Path installed;

    @BeforeAll
    static void install() throws IOException {
        Path jar = ItEnv.adapterJar();
        Path repo = jar.getParent().getParent().getParent();
        installed = ItEnv.newDir("launcher", "opt-msb-mcp");
        Files.createDirectories(installed.resolve("bin"));
        Files.copy(jar, installed.resolve("msb-mcp.jar"));
        Files.copy(repo.resolve("bin/msb-mcp"), installed.resolve("bin/msb-mcp"));
        Files.copy(repo.resolve("bin/jvm.options"), installed.resolve("bin/jvm.options"));
        Files.writeString(
                installed.resolve("bin/jvm.options"), "\n-XX:+PrintCommandLineFlags\n", StandardOpenOption.APPEND);
    }

    private static String run(String... args) throws Exception {
        return runWith(Path.of(ItEnv.java()).getParent().getParent(), Map.of(), args);
    }

    private static String runWith(Path javaHome, Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = installed.resolve("bin/msb-mcp").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("MALLOC_ARENA_MAX");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    @Order(1)
    void firstRun_makesTheArchive_andRunsTheJarWithTheJvmOptions() throws Exception {
        String output = run("--version");

        assertThat(output).contains("msb-mcp ");
        assertThat(output).contains("-XX:MaxHeapSize=134217728", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError");
        assertThat(installed.resolve("msb-mcp.jsa")).isNotEmptyFile();
    }

    @Test
    @Order(2)
    void laterRuns_useTheArchive() throws Exception {
        String output = run("--version");

        assertThat(output).contains("-XX:SharedArchiveFile=" + installed.resolve("msb-mcp.jsa"));
    }

    @Test
    @Order(3)
    void aNewerJar_remakesTheArchive() throws Exception {
        Path archive = installed.resolve("msb-mcp.jsa");
        long before = Files.getLastModifiedTime(archive).toMillis();
        Files.setLastModifiedTime(
                installed.resolve("msb-mcp.jar"), java.nio.file.attribute.FileTime.fromMillis(before + 10_000));

        String output = run("--help");

        assertThat(output).contains("--dev");
        assertThat(Files.getLastModifiedTime(archive).toMillis()).isGreaterThan(before);
    }

    @Test
    @Order(4)
    void jvm_getsTwoMallocArenas_unlessTheEnvironmentSetsIt() throws Exception {
        Path javaHome = ItEnv.newDir("launcher", "env-printing-java");
        Path java = javaHome.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\necho \"arenas=$MALLOC_ARENA_MAX\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();

        assertThat(runWith(javaHome, Map.of(), "--version")).contains("arenas=2");
        assertThat(runWith(javaHome, Map.of("MALLOC_ARENA_MAX", "4"), "--version"))
                .contains("arenas=4")
                .doesNotContain("arenas=2");
    }
}

package io.msbmcp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The third-party Python client ({@code mcp} {@value #MCP_VERSION} from the machine's pip index) in a virtual
 * environment under {@code target/it/python}, created once per build with {@code python3 -m venv} and {@code pip
 * install}; reused while its marker names the same version. The scripts run straight from {@code
 * integration-tests/clients}.
 */
final class PythonClients {
    static final String MCP_VERSION = "2.3.0";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static Path venv;

    private PythonClients() {}

    /** {@code <venv>/bin/python}, creating the environment first if this build has not yet. */
    static synchronized Path python() {
        if (venv == null) {
            venv = install();
        }
        return venv.resolve("bin/python");
    }

    /** Runs {@code script} (a file of {@code integration-tests/clients}) with {@code args}; output to {@code logDir}. */
    static Processes.Result run(String name, String script, List<String> args, Path logDir, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(python().toString());
        command.add(ItEnv.clientsSource().resolve(script).toString());
        command.addAll(args);
        return Processes.run(name, command, Map.of(), ItEnv.clientsSource(), logDir, timeout);
    }

    private static Path install() {
        Path target = ItEnv.dir("python").resolve("venv");
        Path marker = target.resolve(".msb-it-installed");
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(MCP_VERSION)) {
                System.out.println("[it] Python client already installed in " + target);
                return target;
            }
            ItEnv.deleteRecursively(target);
            Path logs = ItEnv.dir("logs");
            Processes.Result created = Processes.run(
                    "python-venv",
                    List.of("python3", "-m", "venv", target.toString()),
                    Map.of(),
                    ItEnv.workDir(),
                    logs,
                    Duration.ofMinutes(2));
            if (created.exitCode() != 0) {
                throw new AssertionError(
                        "python3 -m venv failed; on Debian install python3-venv (.ci/run does)\n" + created.describe());
            }
            // --retries 0: an index that cannot be reached (no internet) is skipped at once instead of after minutes
            // of retries; the machine's own index and wheel folders (pip.conf) answer.
            Processes.Result installed = Processes.run(
                    "pip-install-mcp",
                    List.of(
                            target.resolve("bin/python").toString(),
                            "-m",
                            "pip",
                            "install",
                            "--disable-pip-version-check",
                            "--no-input",
                            "--retries",
                            "0",
                            "--timeout",
                            "30",
                            "mcp==" + MCP_VERSION),
                    Map.of(),
                    ItEnv.workDir(),
                    logs,
                    INSTALL_TIMEOUT);
            if (installed.exitCode() != 0) {
                throw new AssertionError("pip install mcp==" + MCP_VERSION + " failed\n" + installed.describe());
            }
            Files.writeString(marker, MCP_VERSION);
            System.out.printf(
                    "[it] venv + pip install mcp==%s took %d s (%s)%n",
                    MCP_VERSION, created.elapsed().plus(installed.elapsed()).toSeconds(), target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

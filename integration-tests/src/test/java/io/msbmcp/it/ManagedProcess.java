package io.msbmcp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose stdout and stderr go to files ({@code <logDir>/<name>.out} and {@code .err}), so they can be
 * read while it runs and shown when a test fails. {@link #close()} stops it and everything it started.
 */
final class ManagedProcess implements ItProcess {
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ManagedProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code command} in {@code workDir} with the tests' environment minus every {@code MCP_*} and {@code
     * MSB_*} variable, plus {@code env}.
     */
    static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path logDir) {
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("MCP_") || key.startsWith("MSB_"));
        builder.environment().putAll(env);
        try {
            return Processes.register(new ManagedProcess(name, builder.start(), out, err));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Every process it started that is still alive (children, grandchildren, ...). */
    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path stdoutFile() {
        return stdout;
    }

    Path stderrFile() {
        return stderr;
    }

    /** Everything it wrote on stdout so far. */
    String stdout() {
        return read(stdout);
    }

    /** Everything it wrote on stderr so far. */
    String stderr() {
        return read(stderr);
    }

    /** Waits for it to exit and returns its exit code; fails after {@code timeout}. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(describe() + " did not exit within " + timeout.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends SIGTERM ({@link Process#destroy()}) and waits for the exit code. */
    int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Sends SIGKILL ({@link Process#destroyForcibly()}) to this process only and waits for it to die. */
    int kill() {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(20));
    }

    @Override
    public String describe() {
        return name + " pid " + process.pid()
                + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")");
    }

    @Override
    public String logTail(int lines) {
        return "---- " + describe() + ": last " + lines + " lines of " + stdout + "\n" + tail(read(stdout), lines)
                + "---- last " + lines + " lines of " + stderr + "\n" + tail(read(stderr), lines);
    }

    /** SIGTERM, then SIGKILL after a grace period; then kills whatever it started that is still alive. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        Processes.unregister(this);
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        StringBuilder out = new StringBuilder();
        for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}

package io.msbmcp.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process the benchmark started, with its output in a log file; reads its resident memory from /proc. */
final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Child start(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        return new Child(name, builder.start(), log);
    }

    /** The java binary running this benchmark, for the helper processes. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Fails with the end of the process's log when it has exited. */
    void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + "; its log ends with:\n" + tail());
        }
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Resident memory now (VmRSS), in MiB. */
    double rssMb() throws IOException {
        return statusKb("VmRSS:") / 1024.0;
    }

    /** CPU time (user + system) the process has used so far, in seconds (clock ticks of 1/100 s). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * CPU time the JVM's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}) have used so
     * far, in seconds: how much compiling is still going on beside the load.
     */
    double compilerCpuSeconds() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + process.pid() + "/task"))) {
            for (Path task : tasks) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (NoSuchFileException gone) {
                    // the compiler thread ended meanwhile (the JVM stops idle ones)
                }
            }
        }
        return ticks / 100.0;
    }

    /** The most resident memory the process ever had (VmHWM), in MiB. */
    double peakRssMb() throws IOException {
        return statusKb("VmHWM:") / 1024.0;
    }

    private long statusKb(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(
                        line.substring(field.length()).replace("kB", "").strip());
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + process.pid() + "/status");
    }

    /** SIGTERM, then waits up to {@code seconds}; returns the milliseconds it took, or kills it and returns -1. */
    long stop(int seconds) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            return (System.nanoTime() - start) / 1_000_000;
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(30);
        }
    }
}

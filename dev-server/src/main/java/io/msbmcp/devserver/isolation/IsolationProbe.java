package io.msbmcp.devserver.isolation;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds {@code bwrap} on the PATH and checks, by jailing a trivial command once, that it really works here. */
public final class IsolationProbe {
    private static final long PROBE_SECONDS = 20;

    /** The outcome: a working isolation, or why there is none. */
    public record Result(Optional<BubblewrapIsolation> isolation, String detail) {}

    private IsolationProbe() {}

    /** Probes using scratch directories created under {@code scratch} (removed again afterwards). */
    public static Result probe(Path scratch) {
        Optional<Path> bwrap = findOnPath("bwrap", System.getenv("PATH"));
        if (bwrap.isEmpty()) {
            return new Result(Optional.empty(), "bwrap is not on the PATH");
        }
        BubblewrapIsolation isolation = new BubblewrapIsolation(bwrap.get());
        Path work = scratch.resolve("probe-work");
        Path tmp = scratch.resolve("probe-tmp");
        try {
            Files.createDirectories(work);
            Files.createDirectories(tmp);
            SandboxFiles files = new SandboxFiles(work, tmp, "/probe/work", List.of(), List.of(scratch));
            List<String> argv =
                    isolation.wrap(files, "probe", List.of("/bin/sh", "-c", "echo ok > probe && cat probe"));
            ProcessBuilder builder = new ProcessBuilder(argv).directory(work.toFile());
            builder.environment().clear();
            builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin"));
            builder.redirectErrorStream(true);
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process process = builder.start();
            String output;
            try (var in = process.getInputStream()) {
                output = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(Optional.empty(), bwrap.get() + " did not finish a trivial command");
            }
            if (process.exitValue() != 0 || !output.equals("ok")) {
                return new Result(
                        Optional.empty(), bwrap.get() + " failed (exit " + process.exitValue() + "): " + output);
            }
            return new Result(Optional.of(isolation), bwrap.get().toString());
        } catch (IOException e) {
            return new Result(Optional.empty(), bwrap.get() + " could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Optional.empty(), "interrupted while probing " + bwrap.get());
        } finally {
            deleteQuietly(work.resolve("probe"));
            deleteQuietly(work);
            deleteQuietly(tmp);
        }
    }

    /** The first executable file called {@code name} in the directories of {@code path}. */
    public static Optional<Path> findOnPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // scratch space: left for the data directory's own cleanup
        }
    }
}

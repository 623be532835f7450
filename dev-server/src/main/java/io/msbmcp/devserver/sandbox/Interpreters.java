package io.msbmcp.devserver.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Python and Node executables. {@code python3} on the PATH may be a shim (pyenv, asdf) that execs the real
 * interpreter and does not work inside a jail, so each interpreter is asked for its own path ({@code sys.executable},
 * {@code process.execPath}).
 */
public record Interpreters(@Nullable Path python, @Nullable Path node) {
    private static final Logger logger = LoggerFactory.getLogger(Interpreters.class);
    private static final long QUERY_SECONDS = 30;

    /** Resolves both interpreters, starting from the given commands (a name looked up on the PATH, or a path). */
    public static Interpreters resolve(String pythonCommand, String nodeCommand) {
        // Both at once: a pyenv shim alone takes half a second.
        CompletableFuture<Optional<Path>> python = CompletableFuture.supplyAsync(
                () -> query(List.of(pythonCommand, "-c", "import sys; print(sys.executable)")));
        Optional<Path> node = query(List.of(nodeCommand, "-e", "console.log(process.execPath)"));
        return new Interpreters(python.join().orElse(null), node.orElse(null));
    }

    /** The interpreter an image needs, if it was found. */
    public Optional<Path> forImage(SandboxImage image) {
        return Optional.ofNullable(image == SandboxImage.PYTHON ? python : node);
    }

    private static Optional<Path> query(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process process = builder.start();
            String output;
            try (var in = process.getInputStream()) {
                output = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(QUERY_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                logger.warn("'{}' did not answer within {} s", command.get(0), QUERY_SECONDS);
                return Optional.empty();
            }
            if (process.exitValue() != 0 || output.isEmpty()) {
                logger.warn("'{}' failed (exit {}): {}", command.get(0), process.exitValue(), output);
                return Optional.empty();
            }
            Path path = Path.of(output.lines().reduce((first, second) -> second).orElse(output));
            if (!path.isAbsolute() || !Files.isExecutable(path)) {
                logger.warn("'{}' reported an unusable executable '{}'", command.get(0), path);
                return Optional.empty();
            }
            return Optional.of(path);
        } catch (IOException e) {
            logger.warn("'{}' cannot be run: {}", command.get(0), e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

package io.msbmcp.devserver.sandbox;

import static java.util.Objects.requireNonNull;

import io.msbmcp.devserver.isolation.Isolation;
import io.msbmcp.devserver.process.ProcessLauncher;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * What every sandbox shares: the isolation in use, the spawner thread, the pool of stream-reader threads, the output
 * budget per stream and run, the interpreters, and the host paths every sandbox must not see.
 */
public record SandboxRuntime(
        Isolation isolation,
        ProcessLauncher launcher,
        ExecutorService readers,
        long outputLimitPerStream,
        Interpreters interpreters,
        List<Path> hiddenPaths) {
    public SandboxRuntime {
        requireNonNull(isolation, "isolation");
        requireNonNull(launcher, "launcher");
        requireNonNull(readers, "readers");
        requireNonNull(interpreters, "interpreters");
        hiddenPaths = List.copyOf(hiddenPaths);
        if (outputLimitPerStream < 1) {
            throw new IllegalArgumentException("outputLimitPerStream must be positive: " + outputLimitPerStream);
        }
    }
}

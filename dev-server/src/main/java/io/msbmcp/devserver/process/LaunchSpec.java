package io.msbmcp.devserver.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to spawn: the full argv (already wrapped by the isolation layer), the host working directory, the complete
 * environment (nothing is inherited from the JVM) and whether stdin is {@code /dev/null} or a pipe.
 */
public record LaunchSpec(List<String> argv, Path workingDirectory, Map<String, String> environment, boolean stdinPipe) {
    public LaunchSpec {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must not be empty");
        }
        requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
    }
}

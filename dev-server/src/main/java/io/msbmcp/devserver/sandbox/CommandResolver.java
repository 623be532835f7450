package io.msbmcp.devserver.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the executable a command names, as the sandboxed process would: a name with a slash relative to the work
 * directory, any other name on the sandbox's {@code PATH} (not the server's, which is what {@link ProcessBuilder} would
 * search). Resolving up front also tells a missing binary apart from a program that fails, which a jail cannot.
 */
final class CommandResolver {
    private CommandResolver() {}

    /**
     * The absolute inside path of {@code command}, or empty when there is no such executable. {@code toHost} maps an
     * inside path to the host file behind it.
     */
    static Optional<String> resolve(
            String command, String pathVariable, String workDirInside, Function<String, Optional<Path>> toHost) {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (command.contains("/")) {
            String inside = command.startsWith("/") ? command : workDirInside + "/" + command;
            String normalized = Path.of(inside).normalize().toString();
            return isExecutable(toHost.apply(normalized)) ? Optional.of(normalized) : Optional.empty();
        }
        for (String dir : pathVariable.split(":")) {
            String base = dir.isEmpty() ? workDirInside : dir;
            String inside = Path.of(base, command).normalize().toString();
            if (inside.startsWith("/") && isExecutable(toHost.apply(inside))) {
                return Optional.of(inside);
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutable(Optional<Path> host) {
        return host.filter(Files::isRegularFile).filter(Files::isExecutable).isPresent();
    }
}

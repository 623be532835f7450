package io.msbmcp.wrapper;

import io.msbmcp.errors.InvalidArgumentException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks of tool arguments shared by the request records; each failure names the argument. */
final class Arguments {
    static final Pattern SESSION_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$");
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(3600);
    static final int MAX_DEPENDENCIES = 50;
    static final int MAX_ENV_ENTRIES = 100;

    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern NO_WHITESPACE_OR_CONTROL = Pattern.compile("^[^\\s\\p{Cntrl}]+$");

    private Arguments() {}

    static String requireNonBlank(@Nullable String value, String field) {
        if (value == null) {
            throw InvalidArgumentException.of(field, "is required");
        }
        if (value.isBlank()) {
            throw InvalidArgumentException.of(field, "must not be empty");
        }
        return value;
    }

    static @Nullable String checkSessionId(@Nullable String sessionId) {
        if (sessionId != null && !SESSION_ID.matcher(sessionId).matches()) {
            throw InvalidArgumentException.of(
                    "session_id",
                    "must be 1-48 characters of letters, digits, '-' or '_', starting with a letter or digit");
        }
        return sessionId;
    }

    static @Nullable Duration checkTimeout(@Nullable Duration timeout) {
        if (timeout != null && (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            throw InvalidArgumentException.of(
                    "timeout", "must be between 1 and 3600 seconds (got " + timeout.toSeconds() + ")");
        }
        return timeout;
    }

    static List<String> checkDependencies(@Nullable List<String> dependencies) {
        if (dependencies == null) {
            return List.of();
        }
        if (dependencies.size() > MAX_DEPENDENCIES) {
            throw InvalidArgumentException.of("dependencies", "must list at most " + MAX_DEPENDENCIES + " packages");
        }
        for (int i = 0; i < dependencies.size(); i++) {
            String dependency = dependencies.get(i);
            String field = "dependencies[" + i + "]";
            if (dependency == null || dependency.isBlank()) {
                throw InvalidArgumentException.of(field, "must be a package name");
            }
            if (dependency.startsWith("-")) {
                throw InvalidArgumentException.of(field, "must be a package, not an option (got '" + dependency + "')");
            }
            if (!NO_WHITESPACE_OR_CONTROL.matcher(dependency).matches() || dependency.length() > 500) {
                throw InvalidArgumentException.of(
                        field, "must be one package specifier without spaces (got '" + dependency + "')");
            }
        }
        return List.copyOf(dependencies);
    }

    static Map<String, String> checkEnv(@Nullable Map<String, String> env) {
        if (env == null) {
            return Map.of();
        }
        if (env.size() > MAX_ENV_ENTRIES) {
            throw InvalidArgumentException.of("env", "must have at most " + MAX_ENV_ENTRIES + " variables");
        }
        env.forEach((name, value) -> {
            if (name == null || !ENV_NAME.matcher(name).matches()) {
                throw InvalidArgumentException.of(
                        "env", "variable names must match [A-Za-z_][A-Za-z0-9_]* (got '" + name + "')");
            }
            if (value == null || value.indexOf('\0') >= 0) {
                throw InvalidArgumentException.of("env." + name, "must be a string without NUL characters");
            }
        });
        return Map.copyOf(env);
    }

    static @Nullable String checkWorkdir(@Nullable String workdir) {
        if (workdir != null && (workdir.isBlank() || workdir.indexOf('\0') >= 0 || workdir.length() > 4096)) {
            throw InvalidArgumentException.of("workdir", "must be a non-empty path");
        }
        return workdir;
    }
}

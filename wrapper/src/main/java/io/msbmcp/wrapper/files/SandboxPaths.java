package io.msbmcp.wrapper.files;

import io.msbmcp.errors.InvalidArgumentException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Checks and normalizes paths inside a sandbox, lexically (no symlinks are resolved): empty paths, NUL characters and
 * {@code ..} that climbs above {@code /} are invalid arguments naming the field; relative paths resolve against the
 * sandbox's working directory.
 */
public final class SandboxPaths {
    /** Longest path accepted (Linux {@code PATH_MAX}). */
    public static final int MAX_PATH_CHARS = 4096;

    private SandboxPaths() {}

    /** True when {@code path} is relative and so needs the working directory to resolve. */
    public static boolean isRelative(String path) {
        return !path.startsWith("/");
    }

    /**
     * Checks {@code raw} without resolving it; throws an {@link InvalidArgumentException} naming {@code field} for an
     * empty path, a NUL character or an over-long path.
     */
    public static String check(String raw, String field) {
        if (raw.isEmpty()) {
            throw InvalidArgumentException.of(field, "must not be empty; give a file path such as 'data.csv'");
        }
        if (raw.indexOf('\0') >= 0) {
            throw InvalidArgumentException.of(field, "must not contain NUL characters");
        }
        if (raw.length() > MAX_PATH_CHARS) {
            throw InvalidArgumentException.of(field, "must be at most " + MAX_PATH_CHARS + " characters");
        }
        return raw;
    }

    /**
     * The absolute, normalized form of {@code raw}: {@code .} and empty segments dropped, {@code ..} applied.
     *
     * @param raw the caller's path
     * @param field the argument it came from, named in errors
     * @param workdir the absolute working directory relative paths resolve against
     * @throws InvalidArgumentException when the path is empty, holds NUL, is too long, or climbs above {@code /}
     */
    public static String resolve(String raw, String field, String workdir) {
        check(raw, field);
        String full = isRelative(raw) ? workdir + "/" + raw : raw;
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : full.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw InvalidArgumentException.of(
                            field, "climbs above '/' with '..' ('" + raw + "'); give a path inside the sandbox");
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    /** The directory holding {@code absolute} ({@code /} for a top-level entry). */
    public static String parent(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash <= 0 ? "/" : absolute.substring(0, slash);
    }

    /** The last segment of {@code absolute}. */
    public static String name(String absolute) {
        return absolute.substring(absolute.lastIndexOf('/') + 1);
    }
}

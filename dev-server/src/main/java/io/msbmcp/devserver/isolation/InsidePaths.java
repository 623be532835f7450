package io.msbmcp.devserver.isolation;

import java.nio.file.Path;

/** Paths as a sandboxed process sees them: absolute, normalized, with {@code /} as separator. */
final class InsidePaths {
    private InsidePaths() {}

    static String normalize(String path) {
        String absolute = path.startsWith("/") ? path : "/" + path;
        return Path.of(absolute).normalize().toString();
    }

    /** Whether {@code path} is {@code ancestor} or lies below it. */
    static boolean isAtOrBelow(String path, String ancestor) {
        return path.equals(ancestor) || ancestor.equals("/") || path.startsWith(ancestor + "/");
    }

    /** Whether {@code ancestor} lies strictly above {@code path}. */
    static boolean isStrictlyAbove(String ancestor, String path) {
        return !path.equals(ancestor) && isAtOrBelow(path, ancestor);
    }

    static int depth(String path) {
        return path.equals("/") ? 0 : path.split("/").length - 1;
    }
}

package io.msbmcp.wrapper.exec;

import io.msbmcp.wrapper.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Turns user code into the single line sent to the sandbox's REPL. The line runs a small runner (resources {@code
 * python-runner.py} and {@code node-runner.js}) that executes the code in the REPL's global namespace and, when it
 * raises, prints a per-call failure mark on stdout. The same runner checks the session's state marker before the code
 * and reports the files the code changed after it, each on a tagged stdout line of its own (tags carry the run's random
 * id, so output of the code cannot forge them). Everything user-supplied travels base64-encoded, so no quoting of the
 * code can break out, and multi-line code works although the legacy REPL reads it as interactive input.
 */
final class ReplScripts {
    private static final String PYTHON_SOURCE = withoutComments(resource("python-runner.py"), "#");
    private static final String NODE_SOURCE = withoutComments(resource("node-runner.js"), "//");
    private static final String PYTHON_RUNNER = base64(PYTHON_SOURCE);
    private static final String NODE_RUNNER = base64(NODE_SOURCE);
    /** The REPL global that keeps the installed runner; named after its text, so a changed runner is installed anew. */
    private static final String PYTHON_NAME = "__msb_r_" + digest(PYTHON_SOURCE);

    private static final String NODE_NAME = "__msb_r_" + digest(NODE_SOURCE);

    private ReplScripts() {}

    /**
     * The line that runs {@code code} as run {@code runId}; while it runs, the REPL's pid is in {@code pidFile} (see
     * {@link Interrupts}), and SIGINT interrupts it. A non-empty {@code scan} (see {@link
     * io.msbmcp.wrapper.files.RunnerScan#spec}) makes the runner print the files the code changed after {@link
     * #filesTag}.
     *
     * <p>Without {@code checkState} (a new sandbox, or a REPL found replaced), the line carries the runner itself
     * (some 7 KB): it installs it as a REPL global and runs it, which sets the state marker. With {@code checkState}, the
     * line only calls the installed runner (a few hundred bytes); a REPL without it, or whose state marker is not {@code
     * marker}, runs nothing and prints {@link #lostTag}: it was replaced behind the wrapper's back.
     */
    static String line(
            Template template,
            String code,
            String runId,
            List<String> packagePaths,
            String pidFile,
            String marker,
            boolean checkState,
            String scan) {
        String args = "'" + base64(code) + "', '" + runId + "', '" + base64(String.join("\n", packagePaths)) + "', '"
                + base64(pidFile) + "', '" + marker + "', ";
        return switch (template) {
            case PYTHON ->
                checkState
                        ? PYTHON_NAME + "(" + args + "True, '" + scan + "') if '" + PYTHON_NAME + "' in globals() else"
                                + " print('" + lostTag(runId) + "')\n"
                        : "exec(__import__('base64').b64decode('" + PYTHON_RUNNER
                                + "').decode('utf-8'), {'__msb_name': '" + PYTHON_NAME + "', '__msb_args': (" + args
                                + "False, '" + scan + "')})\n";
            case NODE ->
                checkState
                        ? "(typeof globalThis." + NODE_NAME + " === 'function' ? globalThis." + NODE_NAME + "(" + args
                                + "true, '" + scan + "') : console.log('" + lostTag(runId) + "'))\n"
                        : "(globalThis." + NODE_NAME + " = require('vm').runInThisContext(Buffer.from('" + NODE_RUNNER
                                + "', 'base64').toString('utf8')))(" + args + "false, '" + scan + "')\n";
        };
    }

    private static String digest(String text) {
        try {
            byte[] hash =
                    java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The line the runner of {@code runId} prints on stdout after its code raised (it ends that line). */
    static String failureMark(String runId) {
        return "__msb_failed_" + runId;
    }

    /** The line the runner of {@code runId} prints instead of running when the REPL's state marker is not the one sent. */
    static String lostTag(String runId) {
        return "__msb_lost_" + runId;
    }

    /** The start of the line on which the runner of {@code runId} reports the files the code changed. */
    static String filesTag(String runId) {
        return "__msb_files_" + runId;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The runner without its whole-line comments and blank lines, which travel with every run otherwise (the runners
     * hold no multi-line strings, so no line of a string is taken for a comment).
     */
    static String withoutComments(String source, String commentStart) {
        StringBuilder kept = new StringBuilder(source.length());
        for (String line : source.split("\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith(commentStart)) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private static String resource(String name) {
        try (InputStream in = ReplScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

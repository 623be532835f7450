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
    private static final String PYTHON_RUNNER = base64(withoutComments(resource("python-runner.py"), "#"));
    private static final String NODE_RUNNER = base64(withoutComments(resource("node-runner.js"), "//"));

    private ReplScripts() {}

    /**
     * The line that runs {@code code} as run {@code runId}; while it runs, the REPL's pid is in {@code pidFile} (see
     * {@link Interrupts}), and SIGINT interrupts it. With {@code checkState}, a REPL whose state marker is not {@code
     * marker} runs nothing and prints {@link #lostTag}; otherwise the marker is set. A non-empty {@code scan} (see
     * {@link io.msbmcp.wrapper.files.RunnerScan#spec}) makes the runner print the files the code changed after {@link
     * #filesTag}.
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
                "exec(__import__('base64').b64decode('" + PYTHON_RUNNER + "').decode('utf-8'), {'__msb_args': (" + args
                        + (checkState ? "True" : "False") + ", '" + scan + "')})\n";
            case NODE ->
                "require('vm').runInThisContext(Buffer.from('" + NODE_RUNNER + "', 'base64').toString('utf8'))(" + args
                        + checkState + ", '" + scan + "')\n";
        };
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

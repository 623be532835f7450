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
 * raises, prints a per-call failure mark on stdout. Everything user-supplied travels base64-encoded, so no quoting of the
 * code can break out, and multi-line code works although the legacy REPL reads it as interactive input.
 */
final class ReplScripts {
    private static final String PYTHON_RUNNER = base64(resource("python-runner.py"));
    private static final String NODE_RUNNER = base64(resource("node-runner.js"));

    private ReplScripts() {}

    /**
     * The line that runs {@code code}; while it runs, the REPL's pid is in {@code pidFile} (see {@link Interrupts}), and
     * SIGINT interrupts it.
     */
    static String line(Template template, String code, String failureMark, List<String> packagePaths, String pidFile) {
        String codeB64 = base64(code);
        String pathsB64 = base64(String.join("\n", packagePaths));
        String pidFileB64 = base64(pidFile);
        return switch (template) {
            case PYTHON ->
                "exec(__import__('base64').b64decode('" + PYTHON_RUNNER + "').decode('utf-8'), " + "{'__msb_args': ('"
                        + codeB64 + "', '" + failureMark + "', '" + pathsB64 + "', '" + pidFileB64 + "')})\n";
            case NODE ->
                "require('vm').runInThisContext(Buffer.from('" + NODE_RUNNER + "', 'base64').toString('utf8'))" + "('"
                        + codeB64 + "', '" + failureMark + "', '" + pathsB64 + "', '" + pidFileB64 + "')\n";
        };
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
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

package io.msbmcp.adapter.tool;

import java.util.ArrayList;
import java.util.List;

/**
 * The text content of an execution result, for clients that show the model only text: stdout, then stderr under a
 * marker, then notes (timeout, truncation, exit code), and last one short line naming the session.
 */
final class ExecutionText {
    private final List<String> parts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ExecutionText output(String stdout, String stderr) {
        if (!stdout.isEmpty()) {
            parts.add(stripTrailingNewline(stdout));
        }
        if (!stderr.isEmpty()) {
            parts.add("[stderr]\n" + stripTrailingNewline(stderr));
        }
        if (stdout.isEmpty() && stderr.isEmpty()) {
            parts.add("(no output)");
        }
        return this;
    }

    ExecutionText note(String note) {
        notes.add("[" + note + "]");
        return this;
    }

    /** The whole text, ending with {@code [session: <id>]}, {@code (created)} or {@code (reset)} added as they apply. */
    String session(String sessionId, boolean created, boolean reset) {
        String state = created ? " (created)" : reset ? " (reset)" : "";
        List<String> lines = new ArrayList<>(parts);
        lines.addAll(notes);
        lines.add("[session: " + sessionId + state + "]");
        return String.join("\n", lines);
    }

    private static String stripTrailingNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}

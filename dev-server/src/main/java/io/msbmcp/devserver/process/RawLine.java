package io.msbmcp.devserver.process;

import static java.util.Objects.requireNonNull;

/**
 * One line as read from a pipe: its decoded text (newline and a trailing carriage return removed), how many bytes it
 * had on the wire, and whether its tail was cut off because it was longer than the reader's limit.
 */
public record RawLine(String text, long bytes, boolean cut) {
    public RawLine {
        requireNonNull(text, "text");
    }
}

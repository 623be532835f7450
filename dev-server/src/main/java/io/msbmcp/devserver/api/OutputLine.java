package io.msbmcp.devserver.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of output, without its newline, from stdout or stderr. */
public record OutputLine(
        @JsonProperty("stream") String stream,
        @JsonProperty("text") String text) {
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    public OutputLine {
        requireNonNull(stream, "stream");
        requireNonNull(text, "text");
        if (!stream.equals(STDOUT) && !stream.equals(STDERR)) {
            throw new IllegalArgumentException("stream must be stdout or stderr: " + stream);
        }
    }

    public static OutputLine stdout(String text) {
        return new OutputLine(STDOUT, text);
    }

    public static OutputLine stderr(String text) {
        return new OutputLine(STDERR, text);
    }
}

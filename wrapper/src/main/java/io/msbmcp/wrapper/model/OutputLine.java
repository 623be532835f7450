package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of sandbox output: {@code {"stream":"stdout"|"stderr","text":"..."}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OutputLine(
        @JsonProperty("stream") String stream,
        @JsonProperty("text") String text) {
    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    public boolean isStdout() {
        return STDOUT.equals(stream);
    }

    public boolean isStderr() {
        return STDERR.equals(stream);
    }
}

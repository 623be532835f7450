package io.msbmcp.devserver.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The result of {@code sandbox.repl.run}: {@code status} is always {@code "success"}, as in the portal. */
public record ReplRunResult(
        @JsonProperty("status") String status,
        @JsonProperty("language") String language,
        @JsonProperty("output") List<OutputLine> output) {

    public ReplRunResult {
        requireNonNull(status, "status");
        requireNonNull(language, "language");
        output = List.copyOf(output);
    }

    public static ReplRunResult success(String language, List<OutputLine> output) {
        return new ReplRunResult("success", language, output);
    }
}

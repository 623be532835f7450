package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Result of {@code sandbox.repl.run}: {@code {"status":"success","language","output":[...]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplRunResult(
        @JsonProperty("status") @Nullable String status,
        @JsonProperty("language") @Nullable String language,
        @JsonProperty("output") @Nullable List<OutputLine> output) {
    public List<OutputLine> lines() {
        return output == null ? List.of() : output;
    }
}

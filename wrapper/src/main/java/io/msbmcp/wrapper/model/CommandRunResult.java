package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Result of {@code sandbox.command.run}: {@code {"command","args","exit_code","success","output":[...]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommandRunResult(
        @JsonProperty("command") @Nullable String command,
        @JsonProperty("args") @Nullable List<String> args,
        @JsonProperty("exit_code") @Nullable Integer exitCode,
        @JsonProperty("success") @Nullable Boolean success,
        @JsonProperty("output") @Nullable List<OutputLine> output) {
    public List<OutputLine> lines() {
        return output == null ? List.of() : output;
    }
}

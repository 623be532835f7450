package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Params of {@code sandbox.command.run}: the executable and its args (no shell); {@code timeout} in seconds. */
@JsonPropertyOrder({"sandbox", "namespace", "command", "args", "timeout"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandRunParams(
        @JsonProperty("sandbox") String sandbox,
        @JsonProperty("namespace") String namespace,
        @JsonProperty("command") String command,
        @JsonProperty("args") List<String> args,
        @JsonProperty("timeout") @Nullable Long timeout) {
    public CommandRunParams {
        args = List.copyOf(args);
    }
}

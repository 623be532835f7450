package io.msbmcp.devserver.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The result of {@code sandbox.command.run}; a non-zero exit is a normal result with {@code success=false}. */
public record CommandRunResult(
        @JsonProperty("command") String command,
        @JsonProperty("args") List<String> args,
        @JsonProperty("exit_code") int exitCode,
        @JsonProperty("success") boolean success,
        @JsonProperty("output") List<OutputLine> output) {

    public CommandRunResult {
        requireNonNull(command, "command");
        args = List.copyOf(args);
        output = List.copyOf(output);
    }

    public static CommandRunResult of(String command, List<String> args, int exitCode, List<OutputLine> output) {
        return new CommandRunResult(command, args, exitCode, exitCode == 0, output);
    }
}

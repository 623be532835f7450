package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** Params of {@code sandbox.repl.run}; {@code timeout} is whole seconds and left out when null. */
@JsonPropertyOrder({"sandbox", "namespace", "language", "code", "timeout"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplRunParams(
        @JsonProperty("sandbox") String sandbox,
        @JsonProperty("namespace") String namespace,
        @JsonProperty("language") String language,
        @JsonProperty("code") String code,
        @JsonProperty("timeout") @Nullable Long timeout) {}

package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Params of {@code sandbox.start}. */
@JsonPropertyOrder({"sandbox", "namespace", "config"})
public record SandboxStartParams(
        @JsonProperty("sandbox") String sandbox,
        @JsonProperty("namespace") String namespace,
        @JsonProperty("config") SandboxConfig config) {}

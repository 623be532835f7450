package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Params of {@code sandbox.stop}: {@code {"sandbox","namespace"}}. */
@JsonPropertyOrder({"sandbox", "namespace"})
public record SandboxRef(
        @JsonProperty("sandbox") String sandbox,
        @JsonProperty("namespace") String namespace) {}

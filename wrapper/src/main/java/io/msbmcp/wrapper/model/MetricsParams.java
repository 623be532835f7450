package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** Params of {@code sandbox.metrics.get}: {@code {"namespace","sandbox"?}}. */
@JsonPropertyOrder({"namespace", "sandbox"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsParams(
        @JsonProperty("namespace") String namespace,
        @JsonProperty("sandbox") @Nullable String sandbox) {}

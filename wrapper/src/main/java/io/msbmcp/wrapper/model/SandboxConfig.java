package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code config} of {@code sandbox.start}: {@code {"image","memory","cpus","volumes"}}. {@code volumes} is left out
 * when empty (servers up to v0.2.6 reject {@code null} lists).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SandboxConfig(
        @JsonProperty("image") String image,
        @JsonProperty("memory") int memory,
        @JsonProperty("cpus") int cpus,
        @JsonProperty("volumes") List<String> volumes) {
    public SandboxConfig {
        volumes = List.copyOf(volumes);
    }
}

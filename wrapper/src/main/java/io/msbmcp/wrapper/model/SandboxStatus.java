package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code sandbox.metrics.get}. {@code namespace} is optional (the 2026 server dropped it); usage figures
 * are null when the sandbox is not running.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SandboxStatus(
        @JsonProperty("namespace") @Nullable String namespace,
        @JsonProperty("name") String name,
        @JsonProperty("running") boolean running,
        @JsonProperty("cpu_usage") @Nullable Double cpuUsage,
        @JsonProperty("memory_usage") @Nullable Long memoryUsage,
        @JsonProperty("disk_usage") @Nullable Long diskUsage) {}

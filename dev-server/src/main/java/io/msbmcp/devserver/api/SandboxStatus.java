package io.msbmcp.devserver.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code sandbox.metrics.get}. Every member is always present; the usage numbers are {@code null} when the
 * sandbox is not running.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SandboxStatus(
        @JsonProperty("namespace") String namespace,
        @JsonProperty("name") String name,
        @JsonProperty("running") boolean running,
        @JsonProperty("cpu_usage") @Nullable Double cpuUsage,
        @JsonProperty("memory_usage") @Nullable Long memoryUsage,
        @JsonProperty("disk_usage") @Nullable Long diskUsage) {

    public SandboxStatus {
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
    }

    public static SandboxStatus stopped(String namespace, String name) {
        return new SandboxStatus(namespace, name, false, null, null, null);
    }
}

package io.msbmcp.devserver.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of one sandbox as {@code sandbox.start} sends it and as it is stored per namespace (the
 * Sandboxfile entry). Lists and maps are never null; {@code memory}, {@code cpus}, {@code ports}, {@code depends_on},
 * {@code shell}, {@code scripts} and {@code exec} are recorded but have no effect in the dev server.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SandboxConfig(
        @JsonProperty("image") @Nullable String image,
        @JsonProperty("memory") @Nullable Long memory,
        @JsonProperty("cpus") @Nullable Integer cpus,
        @JsonProperty("volumes") List<String> volumes,
        @JsonProperty("ports") List<String> ports,
        @JsonProperty("envs") List<String> envs,
        @JsonProperty("depends_on") List<String> dependsOn,
        @JsonProperty("workdir") @Nullable String workdir,
        @JsonProperty("shell") @Nullable String shell,
        @JsonProperty("scripts") Map<String, String> scripts,
        @JsonProperty("exec") @Nullable String exec) {

    public SandboxConfig {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        ports = ports == null ? List.of() : List.copyOf(ports);
        envs = envs == null ? List.of() : List.copyOf(envs);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        scripts = scripts == null ? Map.of() : Map.copyOf(scripts);
    }

    /** A configuration with only an image, as the simplest {@code sandbox.start} sends it. */
    public static SandboxConfig ofImage(String image) {
        return new SandboxConfig(
                image, null, null, List.of(), List.of(), List.of(), List.of(), null, null, Map.of(), null);
    }
}

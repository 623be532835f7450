package io.msbmcp.wrapper.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Result of {@code sandbox.metrics.get}: {@code {"sandboxes":[...]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MetricsResult(
        @JsonProperty("sandboxes") @Nullable List<SandboxStatus> sandboxes) {
    public List<SandboxStatus> list() {
        return sandboxes == null ? List.of() : sandboxes;
    }
}

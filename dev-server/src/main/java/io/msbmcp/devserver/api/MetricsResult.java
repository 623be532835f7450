package io.msbmcp.devserver.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The result of {@code sandbox.metrics.get}. */
public record MetricsResult(@JsonProperty("sandboxes") List<SandboxStatus> sandboxes) {
    public MetricsResult {
        sandboxes = List.copyOf(sandboxes);
    }
}

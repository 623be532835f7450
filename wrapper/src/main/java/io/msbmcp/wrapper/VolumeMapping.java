package io.msbmcp.wrapper;

import static java.util.Objects.requireNonNull;

/**
 * A host folder shared with every sandbox.
 *
 * @param hostPath absolute path on the host
 * @param containerPath absolute path inside the sandbox
 */
public record VolumeMapping(String hostPath, String containerPath) {
    public VolumeMapping {
        requireNonNull(hostPath, "hostPath");
        requireNonNull(containerPath, "containerPath");
    }

    /** The {@code host:container} form of {@code config.volumes}. */
    public String toVolumeSpec() {
        return hostPath + ":" + containerPath;
    }
}

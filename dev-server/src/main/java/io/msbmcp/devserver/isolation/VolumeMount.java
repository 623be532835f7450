package io.msbmcp.devserver.isolation;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** A host directory (or file) made visible read-write inside a sandbox at {@code containerPath}. */
public record VolumeMount(Path hostPath, String containerPath) {
    public VolumeMount {
        requireNonNull(hostPath, "hostPath");
        requireNonNull(containerPath, "containerPath");
        if (!hostPath.isAbsolute()) {
            throw new IllegalArgumentException("Volume host path must be absolute: " + hostPath);
        }
        containerPath = InsidePaths.normalize(containerPath);
    }

    /**
     * Parses {@code "host:container"} as the Sandboxfile writes it; a spec without a colon mounts the host path at the
     * same path inside.
     */
    public static VolumeMount parse(String spec) {
        int colon = spec.indexOf(':');
        String host = colon < 0 ? spec : spec.substring(0, colon);
        String container = colon < 0 ? spec : spec.substring(colon + 1);
        if (host.isEmpty() || container.isEmpty()) {
            throw new IllegalArgumentException("Volume must be 'host:container': '" + spec + "'");
        }
        return new VolumeMount(Path.of(host), container);
    }
}

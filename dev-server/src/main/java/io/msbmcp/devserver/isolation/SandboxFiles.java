package io.msbmcp.devserver.isolation;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The files of one sandbox: its writable work directory and private {@code /tmp} on the host, where the work directory
 * appears inside ({@code containerWorkDir}, used only under isolation), its volumes, and host paths to hide from it
 * (the data directory holding the other sandboxes).
 */
public record SandboxFiles(
        Path hostWorkDir, Path hostTmpDir, String containerWorkDir, List<VolumeMount> volumes, List<Path> hidden) {
    public SandboxFiles {
        requireNonNull(hostWorkDir, "hostWorkDir");
        requireNonNull(hostTmpDir, "hostTmpDir");
        containerWorkDir = InsidePaths.normalize(containerWorkDir);
        volumes = List.copyOf(volumes);
        hidden = List.copyOf(hidden);
    }
}

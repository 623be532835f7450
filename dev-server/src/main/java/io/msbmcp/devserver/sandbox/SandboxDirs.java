package io.msbmcp.devserver.sandbox;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** The host directories of one sandbox: its persistent work directory and its private temporary directory. */
record SandboxDirs(Path work, Path tmp) {
    SandboxDirs {
        requireNonNull(work, "work");
        requireNonNull(tmp, "tmp");
    }
}

package io.msbmcp.devserver.isolation;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** How the processes of a sandbox are confined. */
public interface Isolation {
    /** Whether processes are jailed; {@code false} means they run directly on the host. */
    boolean isolated();

    /** The argv that runs {@code command} (its first element an absolute path as seen inside) in the sandbox. */
    List<String> wrap(SandboxFiles files, String hostname, List<String> command);

    /** The work directory as the sandboxed process sees it (its cwd and {@code HOME}). */
    String workDirInside(SandboxFiles files);

    /** The private temporary directory as the sandboxed process sees it ({@code TMPDIR}). */
    String tmpDirInside(SandboxFiles files);

    /** Where a path seen inside the sandbox lives on the host, or empty when it does not exist there. */
    Optional<Path> toHost(SandboxFiles files, String insidePath);
}

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

    /** The line the holder prints on stdout once others may join its namespaces. */
    String HOLDER_READY = "msb-holder-ready";

    /**
     * The argv of the process that holds the sandbox's shared namespaces for as long as it runs (it reads its stdin,
     * a pipe, until that closes), or empty when processes are not jailed and share the host's.
     */
    default Optional<List<String>> holder(SandboxFiles files, String hostname) {
        return Optional.empty();
    }

    /**
     * The argv that runs {@code command} in the sandbox inside the namespaces of the holder's process {@code
     * holderPid} (its first process inside, as the host numbers it), so that all processes of the sandbox see and
     * can signal each other.
     */
    default List<String> wrapJoined(SandboxFiles files, String hostname, long holderPid, List<String> command) {
        return wrap(files, hostname, command);
    }

    /** The work directory as the sandboxed process sees it (its cwd and {@code HOME}). */
    String workDirInside(SandboxFiles files);

    /** The private temporary directory as the sandboxed process sees it ({@code TMPDIR}). */
    String tmpDirInside(SandboxFiles files);

    /** Where a path seen inside the sandbox lives on the host, or empty when it does not exist there. */
    Optional<Path> toHost(SandboxFiles files, String insidePath);
}

package io.msbmcp.devserver.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Runs sandbox processes directly on the host, in the sandbox's work directory. Volumes and {@code workdir} cannot be
 * honoured. Each process is started through {@code setsid} (when present) so that everything it starts stays in its
 * session and can be found and killed later.
 */
public final class NoIsolation implements Isolation {
    private final @Nullable Path setsid;

    public NoIsolation(@Nullable Path setsid) {
        this.setsid = setsid;
    }

    /** Uses {@code setsid} from the usual places when it is there. */
    public static NoIsolation create() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return new NoIsolation(path);
            }
        }
        return new NoIsolation(null);
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public List<String> wrap(SandboxFiles files, String hostname, List<String> command) {
        List<String> argv = new ArrayList<>();
        if (setsid != null) {
            argv.add(setsid.toString());
        }
        argv.addAll(command);
        return argv;
    }

    @Override
    public String workDirInside(SandboxFiles files) {
        return files.hostWorkDir().toString();
    }

    @Override
    public String tmpDirInside(SandboxFiles files) {
        return files.hostTmpDir().toString();
    }

    @Override
    public Optional<Path> toHost(SandboxFiles files, String insidePath) {
        Path path = Path.of(insidePath);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }
}

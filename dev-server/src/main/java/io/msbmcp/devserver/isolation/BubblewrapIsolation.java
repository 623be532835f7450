package io.msbmcp.devserver.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Jails each sandbox process with bubblewrap: every namespace unshared (so no network but loopback, own pids, own
 * hostname), all capabilities dropped, a read-only view of the host root, fresh {@code /proc} and a minimal {@code
 * /dev}, the sandbox's private directory as {@code /tmp}, its work directory and volumes bound read-write, the data
 * directory hidden, and the process killed when the server dies ({@code --die-with-parent}) and cut off from the
 * terminal ({@code --new-session}).
 *
 * <p>The processes of one sandbox share one user and pid namespace, as processes of one VM do, so a command can signal
 * the REPL: a holder process ({@link #holder}) creates them, and the REPL and every command join them with bubblewrap's
 * {@code --userns}/{@code --pidns} ({@link #wrapJoined}). {@code /dev} is built from single device binds instead of
 * {@code --dev}, because {@code --dev} makes an unprivileged bubblewrap nest a second user namespace, which others
 * then cannot join with the pid namespace.
 */
public final class BubblewrapIsolation implements Isolation {
    private static final String TMP = "/tmp";
    private static final Set<String> SKIPPED = Set.of("/proc", "/dev", "/sys", TMP);
    private static final List<String> DEVICES =
            List.of("/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom");
    /**
     * What the holder runs: says {@link #HOLDER_READY} once the jail is set up (user mappings written, mounts done, so
     * others may join it), then nothing until its stdin (a pipe the server holds) closes.
     */
    static final String HOLD = "echo " + Isolation.HOLDER_READY + "; while read -r _; do :; done";
    /** Opens the holder's namespaces as fds 3 and 4 for bubblewrap; the paths are arguments, never spliced. */
    static final String JOIN = "exec 3<\"$1\" 4<\"$2\" && shift 2 && exec \"$@\"";

    private final Path bwrap;

    public BubblewrapIsolation(Path bwrap) {
        this.bwrap = bwrap;
    }

    public Path executable() {
        return bwrap;
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public List<String> wrap(SandboxFiles files, String hostname, List<String> command) {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(), "--unshare-all"));
        return jail(args, files, hostname, command);
    }

    @Override
    public Optional<List<String>> holder(SandboxFiles files, String hostname) {
        return Optional.of(wrap(files, hostname, List.of("/bin/sh", "-c", HOLD)));
    }

    @Override
    public List<String> wrapJoined(SandboxFiles files, String hostname, long holderPid, List<String> command) {
        String ns = "/proc/" + holderPid + "/ns/";
        List<String> args = new ArrayList<>(List.of(
                "/bin/sh",
                "-c",
                JOIN,
                "sh",
                ns + "user",
                ns + "pid",
                bwrap.toString(),
                "--userns",
                "3",
                "--pidns",
                "4",
                "--unshare-ipc",
                "--unshare-net",
                "--unshare-uts",
                "--unshare-cgroup-try"));
        return jail(args, files, hostname, command);
    }

    private List<String> jail(List<String> args, SandboxFiles files, String hostname, List<String> command) {
        Map<String, Path> mounts = mounts(files);
        args.addAll(List.of("--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", hostname));
        RootSkeleton.build(args, mounts.keySet(), SKIPPED);
        args.addAll(List.of("--proc", "/proc"));
        addDev(args);
        for (Path hidden : files.hidden()) {
            String inside = hidden.toString();
            boolean touchesMount = mounts.keySet().stream()
                    .anyMatch(mount ->
                            InsidePaths.isAtOrBelow(inside, mount) || InsidePaths.isStrictlyAbove(inside, mount));
            if (!touchesMount && !underSkipped(inside) && Files.isDirectory(hidden)) {
                args.addAll(List.of("--tmpfs", inside));
            }
        }
        mounts.forEach((inside, host) -> args.addAll(List.of("--bind", host.toString(), inside)));
        args.addAll(List.of("--remount-ro", "/", "--chdir", files.containerWorkDir(), "--"));
        args.addAll(command);
        return args;
    }

    @Override
    public String workDirInside(SandboxFiles files) {
        return files.containerWorkDir();
    }

    @Override
    public String tmpDirInside(SandboxFiles files) {
        return TMP;
    }

    @Override
    public Optional<Path> toHost(SandboxFiles files, String insidePath) {
        String inside = InsidePaths.normalize(insidePath);
        Optional<Map.Entry<String, Path>> mount = mounts(files).entrySet().stream()
                .filter(entry -> InsidePaths.isAtOrBelow(inside, entry.getKey()))
                .max(Comparator.comparingInt(entry -> InsidePaths.depth(entry.getKey())));
        Path host;
        if (mount.isPresent()) {
            String relative = inside.substring(mount.get().getKey().length()).replaceFirst("^/", "");
            host = relative.isEmpty()
                    ? mount.get().getValue()
                    : mount.get().getValue().resolve(relative);
        } else if (underSkipped(inside)
                || files.hidden().stream().anyMatch(hidden -> InsidePaths.isAtOrBelow(inside, hidden.toString()))) {
            return Optional.empty();
        } else {
            host = Path.of(inside);
        }
        return Files.exists(host) ? Optional.of(host) : Optional.empty();
    }

    private static void addDev(List<String> args) {
        args.addAll(List.of("--tmpfs", "/dev"));
        for (String device : DEVICES) {
            args.addAll(List.of("--dev-bind", device, device));
        }
        args.addAll(List.of("--dev-bind-try", "/dev/tty", "/dev/tty", "--tmpfs", "/dev/shm"));
        args.addAll(List.of("--symlink", "/proc/self/fd", "/dev/fd"));
        args.addAll(List.of("--symlink", "/proc/self/fd/0", "/dev/stdin"));
        args.addAll(List.of("--symlink", "/proc/self/fd/1", "/dev/stdout"));
        args.addAll(List.of("--symlink", "/proc/self/fd/2", "/dev/stderr"));
    }

    /** Inside path → host path of every read-write mount, outermost first (so that nested mounts come later). */
    private static Map<String, Path> mounts(SandboxFiles files) {
        Map<String, Path> unordered = new LinkedHashMap<>();
        unordered.put(TMP, files.hostTmpDir());
        unordered.put(files.containerWorkDir(), files.hostWorkDir());
        for (VolumeMount volume : files.volumes()) {
            unordered.put(volume.containerPath(), volume.hostPath());
        }
        Map<String, Path> ordered = new LinkedHashMap<>();
        unordered.keySet().stream()
                .sorted(Comparator.comparingInt(InsidePaths::depth))
                .forEach(inside -> ordered.put(inside, unordered.get(inside)));
        return ordered;
    }

    private static boolean underSkipped(String inside) {
        return SKIPPED.stream()
                .filter(path -> !path.equals(TMP))
                .anyMatch(path -> InsidePaths.isAtOrBelow(inside, path));
    }

    /** Refuses mount targets that would replace the root or the kernel file systems. */
    public static void checkMountTarget(String inside) {
        String normalized = InsidePaths.normalize(inside);
        Set<String> forbidden = new LinkedHashSet<>(List.of("/proc", "/dev", "/sys"));
        if (normalized.equals("/") || forbidden.stream().anyMatch(path -> InsidePaths.isAtOrBelow(normalized, path))) {
            throw new IllegalArgumentException("Cannot mount over '" + normalized + "' in a sandbox");
        }
    }
}

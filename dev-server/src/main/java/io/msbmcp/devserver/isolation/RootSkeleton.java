package io.msbmcp.devserver.isolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the read-only root of a bubblewrap sandbox on bwrap's own tmpfs: every entry of the host root is bound
 * read-only at the same path (symlinks are recreated), except the entries that lie on the way to a mount target. Those
 * directories are recreated empty and filled the same way, one level deeper, so that a target such as {@code
 * /home/python-user/work} can be created even though {@code /home} is read-only on the host side. The caller then
 * mounts the targets and remounts {@code /} read-only.
 */
final class RootSkeleton {
    private RootSkeleton() {}

    /**
     * Appends the bwrap arguments for the root to {@code args}. {@code targets} are inside paths that the caller mounts
     * afterwards; {@code skipped} are inside paths left out entirely (e.g. {@code /proc}).
     */
    static void build(List<String> args, Set<String> targets, Set<String> skipped) {
        explode(args, "/", Path.of("/"), targets, skipped);
    }

    private static void explode(
            List<String> args, String inside, Path hostDir, Set<String> targets, Set<String> skipped) {
        for (Path entry : list(hostDir)) {
            String name = entry.getFileName().toString();
            String child = inside.equals("/") ? "/" + name : inside + "/" + name;
            if (skipped.contains(child) || targets.contains(child)) {
                continue;
            }
            if (targets.stream().anyMatch(target -> InsidePaths.isStrictlyAbove(child, target))) {
                if (Files.isDirectory(entry)) {
                    args.add("--dir");
                    args.add(child);
                    explode(args, child, realPath(entry), targets, skipped);
                }
                // anything else in the way is left out: bwrap creates the directories the target needs
                continue;
            }
            if (Files.isSymbolicLink(entry)) {
                args.add("--symlink");
                args.add(readLink(entry));
                args.add(child);
            } else {
                args.add("--ro-bind-try");
                args.add(entry.toString());
                args.add(child);
            }
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            return new ArrayList<>();
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return link.toString();
        }
    }
}

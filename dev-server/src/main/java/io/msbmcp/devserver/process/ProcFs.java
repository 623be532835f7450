package io.msbmcp.devserver.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads what the dev server needs from Linux {@code /proc}: sessions, CPU ticks and resident memory. */
public final class ProcFs {
    private static final Path PROC = Path.of("/proc");

    private ProcFs() {}

    /** Selected fields of {@code /proc/<pid>/stat}. */
    public record Stat(long pid, char state, long session, long cpuTicks) {
        /** Whether the process has exited and only waits to be reaped. */
        public boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    /** The stat of {@code pid}, or empty when the process is gone or unreadable. */
    public static Optional<Stat> stat(long pid) {
        try {
            String text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            // The command name (field 2) may hold spaces and parentheses: parse after its last ')'.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            // fields[0] is field 3 (state): session is field 6, utime 14, stime 15.
            long session = Long.parseLong(fields[3]);
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Optional.of(new Stat(pid, fields[0].charAt(0), session, ticks));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The resident set of {@code pid} in KiB ({@code VmRSS}), or 0 when unknown. */
    public static long residentKib(long pid) {
        try (Stream<String> lines = Files.lines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The pids of every process whose session id is {@code session}. */
    public static List<Long> sessionMembers(long session) {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(path -> path.getFileName().toString())
                    .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .forEach(pid ->
                            stat(pid).filter(stat -> stat.session() == session).ifPresent(stat -> members.add(pid)));
        } catch (IOException | RuntimeException e) {
            // /proc unreadable: nothing to add
        }
        return members;
    }

    /** The command line of {@code pid} with NULs turned into spaces, or empty when gone. */
    public static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

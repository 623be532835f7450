package io.msbmcp.wrapper.files;

import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.session.Session;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files a command created or changed under the sandbox's working directory, with one {@code
 * sandbox.command.run} after the command ({@code execute_code} has its REPL runner scan in the run's own call
 * instead, by the same rules: see {@link RunnerScan}): at most {@value #MAX_DEPTH} levels deep, {@value #MAX_FILES} files and {@value
 * #SCAN_SECONDS} seconds; installed packages ({@code .msb-mcp}, {@code node_modules}), {@code __pycache__} and {@code
 * .git} are skipped. Pictures up to {@code MSB_MAX_INLINE_IMAGE_BYTES} ({@value #MAX_IMAGES} at most) come back with
 * their bytes in the same call.
 *
 * <p>"During the run" is judged by the sandbox's file system clock alone: at its end the scan touches a marker file and
 * reads its modification time as "now", then keeps files modified after {@code now - (time from the run's start to the
 * scan's answer, measured on the host)}. Host and sandbox clocks may differ by any amount; only the host's elapsed time
 * and the file system's own timestamps are compared. The window can only start early, never late (no file of the run
 * is missed), by the answer's transit time plus {@link #GRANULARITY_SECONDS}: a file written in those few
 * milliseconds before the call may be reported too.
 */
public final class ArtifactScanner {
    private static final Logger logger = LoggerFactory.getLogger(ArtifactScanner.class);
    static final int MAX_DEPTH = 4;
    static final int MAX_FILES = 50;
    /** Candidates of the coarse prefilter (the last seconds before the run count too); the exact filter keeps 50. */
    static final int MAX_CANDIDATES = 500;

    static final int MAX_IMAGES = 5;
    static final int SCAN_SECONDS = 5;
    /** Timestamps of the file system are coarse (a kernel tick); this much earlier still counts. */
    static final BigDecimal GRANULARITY_SECONDS = new BigDecimal("0.02");

    private final FileCommands commands;
    private final long maxInlineImageBytes;

    public ArtifactScanner(MicrosandboxClient client, String namespace, long maxInlineImageBytes) {
        this.commands = new FileCommands(client, namespace, Duration.ofSeconds(SCAN_SECONDS + 10L));
        this.maxInlineImageBytes = maxInlineImageBytes;
    }

    /**
     * The files changed since {@code runStartedNanos} ({@link System#nanoTime()} when the run began), newest first.
     * Never throws: a failed scan is logged and yields no files; the run's own result matters more.
     */
    public List<ArtifactFile> scan(Session session, long runStartedNanos) {
        long startedScan = System.nanoTime();
        long elapsedSeconds = Duration.ofNanos(startedScan - runStartedNanos).toSeconds() + 1;
        try {
            FileCommands.Output output = commands.run(
                    session,
                    FileScripts.SCAN,
                    List.of(
                            Long.toString(elapsedSeconds),
                            Integer.toString(MAX_DEPTH),
                            Integer.toString(MAX_CANDIDATES),
                            Integer.toString(SCAN_SECONDS),
                            Long.toString(maxInlineImageBytes),
                            Integer.toString(MAX_IMAGES)));
            BigDecimal sinceRun = BigDecimal.valueOf(System.nanoTime() - runStartedNanos, 9);
            List<ArtifactFile> files = parse(output, sinceRun);
            logger.debug(
                    "Scanned session '{}' for new files in {} ms: {} found",
                    session.id(),
                    Duration.ofNanos(System.nanoTime() - startedScan).toMillis(),
                    files.size());
            return files;
        } catch (RuntimeException e) {
            logger.info("Scanning session '{}' for new files failed: {}", session.id(), e.toString());
            return List.of();
        }
    }

    /** The files the scan printed that were modified within {@code sinceRun} seconds before its "now". */
    static List<ArtifactFile> parse(FileCommands.Output output, BigDecimal sinceRun) {
        BigDecimal now =
                new BigDecimal(output.value("MSBNOW").orElseThrow(() -> new IllegalStateException("no clock")));
        String workdir = output.value("MSBPWD").orElse("");
        BigDecimal threshold = now.subtract(sinceRun).subtract(GRANULARITY_SECONDS);
        Map<String, byte[]> images = new HashMap<>();
        for (String line : output.values("MSBIMG")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                String name = SandboxFiles.decodeText(line.substring(0, space));
                images.put(
                        name,
                        Base64.getDecoder().decode(line.substring(space + 1).strip()));
            }
        }
        byte[] raw = Base64.getDecoder().decode(output.value("MSBDATA").orElse(""));
        List<ArtifactFile> files = new ArrayList<>();
        for (String record : new String(raw, StandardCharsets.UTF_8).split("\0")) {
            String[] parts = record.split(" ", 3);
            if (parts.length < 3 || parts[2].isEmpty()) {
                continue;
            }
            BigDecimal modified;
            long size;
            try {
                modified = new BigDecimal(parts[1]);
                size = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (modified.compareTo(threshold) < 0) {
                continue;
            }
            String relative = parts[2];
            String path = (workdir.equals("/") ? "" : workdir) + "/" + relative;
            byte[] image = images.get(relative);
            String sniffed = image == null ? null : MimeTypes.sniffImage(image);
            String mimeType = sniffed != null ? sniffed : MimeTypes.byName(relative);
            files.add(new ArtifactFile(
                    path,
                    relative,
                    size,
                    SandboxFiles.instant(parts[1]),
                    mimeType,
                    sniffed != null && image.length == size ? image : null));
            if (files.size() == MAX_FILES) {
                break;
            }
        }
        files.sort(Comparator.comparing(ArtifactFile::relativePath));
        return files;
    }
}

package io.msbmcp.wrapper.files;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The artifact scan of {@code execute_code}, done by the REPL runner itself inside the run's own {@code
 * sandbox.repl.run} (no second backend call): the limits the wrapper hands the runner, and the reading of the one line
 * the runner prints. The rules are {@link ArtifactScanner}'s: at most {@value ArtifactScanner#MAX_DEPTH} levels deep
 * under the sandbox's working directory, {@value ArtifactScanner#MAX_FILES} files, {@value ArtifactScanner#SCAN_SECONDS}
 * seconds, the same folders skipped, regular files only, symlinked folders not followed, pictures up to {@code
 * MSB_MAX_INLINE_IMAGE_BYTES} ({@value ArtifactScanner#MAX_IMAGES} at most) with their bytes.
 *
 * <p>"During the run" needs no clock arithmetic here: the runner reads the sandbox's clock just before the code starts
 * and keeps the files modified since then, less {@code GRANULARITY_SECONDS} for coarse file system timestamps. The
 * directory is the working directory the REPL had when its state marker was planted (what a {@code
 * sandbox.command.run} starts in), so code that changes directory does not move the scan.
 */
public final class RunnerScan {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private RunnerScan() {}

    /**
     * The scan argument of the runner: {@code depth max-files max-images max-image-bytes budget deadline
     * interrupted-budget}. The scan ends by {@code deadline} after the code started (so a run that used its whole
     * timeout is still answered within the watchdog's grace) and, after an interrupt, within {@code interruptedBudget}.
     */
    public static String spec(long maxInlineImageBytes, Duration deadline, Duration interruptedBudget) {
        // built by hand: String.format costs more than the rest of the line (this runs on every execute_code)
        return ArtifactScanner.MAX_DEPTH + " " + ArtifactScanner.MAX_FILES + " " + ArtifactScanner.MAX_IMAGES + " "
                + maxInlineImageBytes + " " + ArtifactScanner.SCAN_SECONDS + " " + seconds(deadline) + " "
                + seconds(interruptedBudget);
    }

    /** A duration in seconds with three decimals, e.g. {@code 30.250}. */
    static String seconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        long fraction = millis % 1000;
        return millis / 1000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    /**
     * The files of the runner's line (after its tag): base64 of {@code {"home": ..., "files": [[relative path, size,
     * mtime], ...], "images": {relative path: base64}}}, sorted by relative path. Throws on a malformed line.
     */
    public static List<ArtifactFile> parse(String payload) {
        JsonNode report;
        try {
            report = JSON.readTree(Base64.getDecoder().decode(payload.strip()));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unreadable scan report: " + e.getMessage(), e);
        }
        JsonNode home = report.path("home");
        if (!home.isTextual() || !report.path("files").isArray()) {
            throw new IllegalArgumentException("scan report without home or files");
        }
        String workdir = home.asText();
        JsonNode images = report.path("images");
        List<ArtifactFile> files = new ArrayList<>();
        for (JsonNode entry : report.path("files")) {
            if (!entry.isArray()
                    || entry.size() != 3
                    || !entry.get(0).isTextual()
                    || !entry.get(1).canConvertToLong()
                    || !entry.get(2).isNumber()
                    || entry.get(0).asText().isEmpty()) {
                continue;
            }
            String relative = entry.get(0).asText();
            long size = entry.get(1).asLong();
            JsonNode encoded = images.path(relative);
            byte[] image = encoded.isTextual()
                    ? Base64.getDecoder().decode(encoded.asText().getBytes(StandardCharsets.US_ASCII))
                    : null;
            String sniffed = image == null ? null : MimeTypes.sniffImage(image);
            String mimeType = sniffed != null ? sniffed : MimeTypes.byName(relative);
            files.add(new ArtifactFile(
                    (workdir.equals("/") ? "" : workdir) + "/" + relative,
                    relative,
                    size,
                    SandboxFiles.instant(entry.get(2).decimalValue().toPlainString()),
                    mimeType,
                    sniffed != null && image.length == size ? image : null));
            if (files.size() == ArtifactScanner.MAX_FILES) {
                break;
            }
        }
        files.sort(Comparator.comparing(ArtifactFile::relativePath));
        return files;
    }
}

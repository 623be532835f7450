package io.msbmcp.devserver.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream into lines without ever holding more than {@code maxLineBytes} of one line: the rest of a longer
 * line is read and discarded. Malformed UTF-8 becomes U+FFFD, where the portal would stop reading the stream.
 */
public final class LineReader {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[16 * 1024];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;
    private boolean eof;

    public LineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or {@code null} at the end of the stream. */
    public @Nullable RawLine readLine() throws IOException {
        line.reset();
        long bytes = 0;
        boolean started = false;
        boolean cut = false;
        while (true) {
            if (position == limit && !fill()) {
                return started ? finish(bytes, cut) : null;
            }
            started = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            int room = maxLineBytes - line.size();
            int keep = Math.min(end - position, Math.max(room, 0));
            line.write(buffer, position, keep);
            cut |= keep < end - position;
            bytes += end - position;
            if (newline >= 0) {
                position = newline + 1;
                return finish(bytes + 1, cut);
            }
            position = limit;
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int read = in.read(buffer);
        if (read <= 0) {
            eof = true;
            position = 0;
            limit = 0;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private RawLine finish(long bytes, boolean cut) {
        byte[] kept = line.toByteArray();
        int length = kept.length;
        if (length > 0 && kept[length - 1] == '\r') {
            length--;
        }
        return new RawLine(new String(kept, 0, length, StandardCharsets.UTF_8), bytes, cut);
    }
}

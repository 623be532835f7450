package io.msbmcp.wrapper.exec;

import java.nio.charset.StandardCharsets;

/**
 * Caps one output stream at a number of UTF-8 bytes, keeping its head and its tail (where errors usually are) and
 * saying in between how much was cut.
 */
public final class OutputCapper {
    private final int maxBytes;

    public OutputCapper(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The text itself when it fits, otherwise head + marker + tail within {@code maxBytes}. */
    public Capped cap(String text) {
        if (text.length() <= maxBytes / 4) {
            return new Capped(text, false); // cannot exceed maxBytes even at 4 bytes a char
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return new Capped(text, false);
        }
        String marker = "\n... [" + bytes.length + " bytes of output, middle truncated] ...\n";
        int budget = Math.max(0, maxBytes - marker.getBytes(StandardCharsets.UTF_8).length);
        int head = budget / 2;
        while (head > 0 && isContinuation(bytes[head])) {
            head--;
        }
        int tailStart = bytes.length - (budget - budget / 2);
        while (tailStart < bytes.length && isContinuation(bytes[tailStart])) {
            tailStart++;
        }
        String capped = new String(bytes, 0, head, StandardCharsets.UTF_8)
                + marker
                + new String(bytes, tailStart, bytes.length - tailStart, StandardCharsets.UTF_8);
        return new Capped(capped, true);
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * A stream after capping.
     *
     * @param text what is kept
     * @param truncated true when the middle was cut
     */
    public record Capped(String text, boolean truncated) {}
}

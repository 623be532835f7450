package io.msbmcp.wrapper.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The MIME type of a file from its first bytes (pictures, PDF, archives) and, failing that, its name; and whether its
 * content is text. Pictures are recognised by their magic bytes only, so a file named {@code .png} that is not a PNG
 * is never shown as an image.
 */
public final class MimeTypes {
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("ts", "text/plain"),
            Map.entry("py", "text/x-python"),
            Map.entry("sh", "text/x-shellscript"),
            Map.entry("yaml", "application/yaml"),
            Map.entry("yml", "application/yaml"),
            Map.entry("toml", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"));

    private MimeTypes() {}

    /** The picture type the bytes start with ({@code image/png}, {@code image/jpeg}, {@code image/gif}, {@code image/webp}), or null. */
    public static @org.jspecify.annotations.Nullable String sniffImage(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(head, 'G', 'I', 'F', '8')
                && head.length > 5
                && (head[4] == '7' || head[4] == '9')
                && head[5] == 'a') {
            return "image/gif";
        }
        if (startsWith(head, 'R', 'I', 'F', 'F')
                && head.length >= 12
                && head[8] == 'W'
                && head[9] == 'E'
                && head[10] == 'B'
                && head[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    /** True for the four picture types the image content block carries. */
    public static boolean isInlineImage(String mimeType) {
        return mimeType.equals("image/png")
                || mimeType.equals("image/jpeg")
                || mimeType.equals("image/gif")
                || mimeType.equals("image/webp");
    }

    /** The type guessed from the name alone ({@code application/octet-stream} when unknown). */
    public static String byName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return OCTET_STREAM;
        }
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
    }

    /**
     * The type of a file from its content and name: a sniffed picture wins; a name that claims a picture the bytes do
     * not hold falls back to text or octet-stream; otherwise the name's type, or {@code text/plain} for valid UTF-8
     * without control characters.
     */
    public static String of(String name, byte[] content) {
        String image = sniffImage(content);
        if (image != null) {
            return image;
        }
        String byName = byName(name);
        if (isInlineImage(byName)) {
            byName = OCTET_STREAM;
        }
        if (byName.equals(OCTET_STREAM) && isText(content)) {
            return "text/plain";
        }
        if (byName.startsWith("text/") && !isText(content)) {
            return OCTET_STREAM;
        }
        if (startsWith(content, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        return byName;
    }

    /** True when the MIME type is shown as text (text/*, JSON, XML, YAML, SVG). */
    public static boolean isTextType(String mimeType) {
        return mimeType.startsWith("text/")
                || mimeType.equals("application/json")
                || mimeType.equals("application/xml")
                || mimeType.equals("application/yaml")
                || mimeType.equals("image/svg+xml");
    }

    /** True when {@code content} is valid UTF-8 without NUL or other control characters than tab, CR, LF, FF. */
    public static boolean isText(byte[] content) {
        for (byte b : content) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

package io.msbmcp.adapter.resource;

import io.msbmcp.errors.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The URIs of session files, {@code sandbox://sessions/{session_id}/files/{path}}. The path is expanded as RFC 6570
 * simple string expansion does: everything but unreserved characters is percent-encoded, {@code /} included, so a
 * link matches the template with any template-aware client. On reading, literal slashes are accepted too; a decoded
 * path that does not start with {@code /} is relative to the session's working directory, as in the file tools.
 */
public final class SessionFileUris {
    public static final String TEMPLATE = "sandbox://sessions/{session_id}/files/{path}";
    static final String PREFIX = "sandbox://sessions/";
    static final String FILES = "/files/";

    private SessionFileUris() {}

    /** The URI of {@code path} (absolute) in session {@code sessionId}. */
    public static String of(String sessionId, String path) {
        return PREFIX + sessionId + FILES + encode(path);
    }

    /** Percent-encodes every byte of the UTF-8 form that is not an RFC 3986 unreserved character. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The session id and path a URI names.
     *
     * @throws InvalidArgumentException naming {@code uri} when it is not a session file URI
     */
    public static Parsed parse(String uri) {
        if (!uri.startsWith(PREFIX)) {
            throw unknown(uri);
        }
        String rest = uri.substring(PREFIX.length());
        int files = rest.indexOf(FILES);
        if (files <= 0) {
            throw unknown(uri);
        }
        String sessionId = rest.substring(0, files);
        String encodedPath = rest.substring(files + FILES.length());
        int query = firstOf(encodedPath, '?', '#');
        if (query >= 0) {
            encodedPath = encodedPath.substring(0, query);
        }
        if (encodedPath.isEmpty()) {
            throw InvalidArgumentException.of("uri", "names no file: '" + uri + "' ends after /files/");
        }
        return new Parsed(sessionId, decode(encodedPath, uri));
    }

    private static int firstOf(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String decode(String text, String uri) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw InvalidArgumentException.of("uri", "has a bad percent-escape: '" + uri + "'");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw InvalidArgumentException.of("uri", "has a bad percent-escape: '" + uri + "'");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static InvalidArgumentException unknown(String uri) {
        return InvalidArgumentException.of(
                "uri",
                "no resource '" + uri + "'; this server serves " + TEMPLATE
                        + " (resources/templates/list), e.g. the resource_link URIs of execute_code results");
    }

    /**
     * A parsed URI.
     *
     * @param sessionId the session
     * @param path the file path, absolute or relative to the working directory
     */
    public record Parsed(String sessionId, String path) {}
}

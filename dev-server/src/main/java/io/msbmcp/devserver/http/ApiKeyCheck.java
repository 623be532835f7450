package io.msbmcp.devserver.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;

/**
 * Checks the API key of a request the way the legacy server finds it: {@code Proxy-Authorization} first, else {@code
 * Authorization}; a {@code Bearer } prefix is removed, otherwise the raw value is the key. The dev server's key is a
 * shared secret compared in constant time (digests of equal length), not a signed token.
 */
final class ApiKeyCheck {
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    ApiKeyCheck(String apiKey) {
        this.expected = digest(apiKey);
    }

    boolean accepts(HttpFields headers) {
        String presented = presented(headers);
        return presented != null && MessageDigest.isEqual(digest(presented), expected);
    }

    static @Nullable String presented(HttpFields headers) {
        for (HttpHeader header : new HttpHeader[] {HttpHeader.PROXY_AUTHORIZATION, HttpHeader.AUTHORIZATION}) {
            String value = headers.get(header);
            if (value != null) {
                return value.startsWith(BEARER) ? value.substring(BEARER.length()) : value;
            }
        }
        return null;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package io.msbmcp.devserver.rpc;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/** An HTTP answer: status, content type, body text and, for a 405, the allowed methods. */
public record Reply(
        int status,
        String contentType,
        String body,
        @Nullable String allow) {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";

    public Reply {
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
    }

    public Reply(int status, String contentType, String body) {
        this(status, contentType, body, null);
    }

    public static Reply text(int status, String body) {
        return new Reply(status, TEXT, body);
    }

    public Reply withAllow(String methods) {
        return new Reply(status, contentType, body, methods);
    }
}

package io.msbmcp.adapter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A request the engine answers with a JSON-RPC error instead of dispatching it: malformed JSON, a bad envelope, bad
 * params, a header that disagrees with the body, an unknown method. It carries everything the answer needs; the
 * message is shown to the client as is, so it names what is wrong in plain words.
 */
final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** 2026-07-28: a header is missing or disagrees with the body. */
    static final int HEADER_MISMATCH = -32020;
    /** 2026-07-28: the request needs a client capability it did not declare. */
    static final int MISSING_CLIENT_CAPABILITY = -32021;
    /** 2026-07-28: the protocol version is not one this server speaks. */
    static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    private final int httpStatus;
    private final int code;
    private final transient @Nullable Object id;
    private final transient @Nullable Object data;

    ProtocolException(int httpStatus, int code, String message, @Nullable Object id, @Nullable Object data) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.id = id;
        this.data = data;
    }

    /** A 400 with no data. */
    static ProtocolException badRequest(int code, String message, @Nullable Object id) {
        return new ProtocolException(400, code, message, id, null);
    }

    /** The same error for another request id (the parser may learn the id after the error was made). */
    ProtocolException withId(@Nullable Object newId) {
        return new ProtocolException(httpStatus, code, getMessage(), newId, data);
    }

    /** The same error answered with another HTTP status. */
    ProtocolException withStatus(int status) {
        return new ProtocolException(status, code, getMessage(), id, data);
    }

    int httpStatus() {
        return httpStatus;
    }

    int code() {
        return code;
    }

    @Nullable
    Object id() {
        return id;
    }

    @Nullable
    Object data() {
        return data;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        return message == null ? "Invalid Request" : message;
    }
}

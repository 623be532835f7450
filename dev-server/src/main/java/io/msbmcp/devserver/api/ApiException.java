package io.msbmcp.devserver.api;

import org.jspecify.annotations.Nullable;

/**
 * A failure inside a method, answered with the plain {@code {"error":…,"code":…}} body of the legacy server: a
 * validation failure passes its message through (HTTP 400, code 2001); an internal failure hides it behind {@code
 * "Internal server error"} (HTTP 500, code 5002) and its real reason is only logged.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The public text of every internal failure. */
    public static final String INTERNAL_MESSAGE = "Internal server error";

    private final boolean validation;

    private ApiException(boolean validation, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.validation = validation;
    }

    /** A bad request whose message the client sees verbatim. */
    public static ApiException invalidInput(String message) {
        return new ApiException(true, message, null);
    }

    /** An internal failure; {@code reason} is logged, never sent. */
    public static ApiException internal(String reason) {
        return new ApiException(false, reason, null);
    }

    /** An internal failure with its cause; {@code reason} is logged, never sent. */
    public static ApiException internal(String reason, Throwable cause) {
        return new ApiException(false, reason, cause);
    }

    public boolean isValidation() {
        return validation;
    }

    public int httpStatus() {
        return validation ? 400 : 500;
    }

    public int errorCode() {
        return validation ? 2001 : 5002;
    }

    /** The text the client sees. */
    public String publicMessage() {
        return validation ? getMessage() : INTERNAL_MESSAGE;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        return message == null ? "" : message;
    }
}

package io.msbmcp.errors;

import java.util.List;

/** A tool argument is wrong: bad type, missing, out of range, bad enum value or malformed. */
public final class InvalidArgumentException extends MsbException {
    private static final long serialVersionUID = 1L;

    private final String field;

    private InvalidArgumentException(
            String field, String message, List<String> suggestions, java.util.Map<String, ?> context) {
        super(ErrorCode.INVALID_ARGUMENT, message, suggestions, context, null);
        this.field = field;
    }

    /** The argument at fault, e.g. {@code timeout} or {@code env.PATH}. */
    public String field() {
        return field;
    }

    /** {@code field} is invalid for {@code reason}, e.g. {@code of("timeout", "must be between 1 and 3600")}. */
    public static InvalidArgumentException of(String field, String reason) {
        return new InvalidArgumentException(
                field,
                "Invalid argument '" + field + "': " + reason,
                List.of("Fix '" + field + "' and call again (tools/list shows each tool's input schema)"),
                context("field", field, "reason", reason));
    }

    /** A live session was reused with another template than it was created with. */
    public static InvalidArgumentException templateMismatch(
            String sessionId, String sessionTemplate, String requestedTemplate) {
        return new InvalidArgumentException(
                "template",
                "Invalid argument 'template': session '" + sessionId + "' uses template '" + sessionTemplate
                        + "', not '" + requestedTemplate + "'",
                List.of(
                        "Call again with template '" + sessionTemplate + "' to use this session",
                        "Or leave out session_id to start a new '" + requestedTemplate + "' session"),
                context(
                        "field",
                        "template",
                        "session_id",
                        sessionId,
                        "session_template",
                        sessionTemplate,
                        "requested_template",
                        requestedTemplate));
    }
}

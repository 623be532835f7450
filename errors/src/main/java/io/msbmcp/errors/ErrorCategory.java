package io.msbmcp.errors;

import java.util.Locale;

/** The broad area an error belongs to; its lower-case name is the {@code category} field of JSON-RPC error data. */
public enum ErrorCategory {
    RESOURCE,
    CONFIGURATION,
    SANDBOX,
    EXECUTION,
    SESSION,
    CONNECTION,
    VALIDATION;

    /** The name as it appears on the wire, e.g. {@code "resource"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

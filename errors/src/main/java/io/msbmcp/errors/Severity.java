package io.msbmcp.errors;

import java.util.Locale;

/** How serious an error is for the caller; its lower-case name is the {@code severity} field of error data. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The name as it appears on the wire, e.g. {@code "high"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

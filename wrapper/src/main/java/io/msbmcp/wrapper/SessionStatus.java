package io.msbmcp.wrapper;

import java.util.Locale;

/** Where a session is in its life; the lower-case name is what {@code get_sessions} shows. */
public enum SessionStatus {
    /** Its sandbox is being started. */
    STARTING,
    /** Idle: no call is running. */
    READY,
    /** A call is running. */
    RUNNING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

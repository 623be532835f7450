package io.msbmcp.wrapper.session;

import org.jspecify.annotations.Nullable;

/**
 * What a stop of a sandbox achieved.
 *
 * @param confirmed true when the backend stopped the sandbox or says it does not run (or does not exist)
 * @param failure why the stop is not confirmed, or null when it is
 */
public record StopOutcome(boolean confirmed, @Nullable String failure) {
    /** The backend answered the stop. */
    public static final StopOutcome STOPPED = new StopOutcome(true, null);

    /** The backend says the sandbox does not run or does not exist. */
    public static final StopOutcome NOT_RUNNING = new StopOutcome(true, null);

    /** The stop failed and the sandbox may still run. */
    public static StopOutcome failed(@Nullable String why) {
        return new StopOutcome(false, why == null ? "unknown failure" : why);
    }
}

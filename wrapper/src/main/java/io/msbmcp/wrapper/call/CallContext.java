package io.msbmcp.wrapper.call;

import static java.util.Objects.requireNonNull;

/**
 * One call as the wrapper sees it.
 *
 * @param principal who is calling: sessions belong to the principal that created them, and other principals see them
 *     as not found. Without authentication every caller is {@link #DEFAULT_PRINCIPAL}. Never a token.
 * @param cancellation fired when the caller gives up (cancel notification, closed stream, disconnect, task cancel)
 * @param progress told what the call is doing, phase by phase
 */
public record CallContext(String principal, Cancellation cancellation, ProgressListener progress) {
    /** The one principal of a server without authentication. */
    public static final String DEFAULT_PRINCIPAL = "default";

    public CallContext {
        requireNonNull(principal, "principal");
        requireNonNull(cancellation, "cancellation");
        requireNonNull(progress, "progress");
    }

    /** A call of {@code principal} that nobody cancels and whose progress nobody hears. */
    public static CallContext of(String principal) {
        return new CallContext(principal, new Cancellation(), ProgressListener.NONE);
    }

    /** A call of the default principal that nobody cancels and whose progress nobody hears (tests, internal calls). */
    public static CallContext unobserved() {
        return of(DEFAULT_PRINCIPAL);
    }
}

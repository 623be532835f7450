package io.msbmcp.it;

/** A process a test started: it can say what it is, show the end of its logs, and be stopped. */
interface ItProcess extends AutoCloseable {
    /** A short name and the process id, e.g. {@code adapter pid 1234}. */
    String describe();

    /** The last {@code lines} lines of its stdout and stderr, with the paths of the full logs. */
    String logTail(int lines);

    /** Stops it (SIGTERM, then SIGKILL after a grace period) if it still runs. Idempotent. */
    @Override
    void close();
}

package io.msbmcp.wrapper.call;

/**
 * Hears what a call is doing. The wrapper reports each phase as it begins, in plain words ("starting sandbox",
 * "installing 3 packages", "running"); the MCP layer turns phases into progress notifications and adds the elapsed
 * time of long phases itself ("running, 40 s"). Implementations must be cheap and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = message -> {};

    /** The call has entered a new phase. */
    void phase(String message);
}

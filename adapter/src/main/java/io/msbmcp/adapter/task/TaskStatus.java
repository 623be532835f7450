package io.msbmcp.adapter.task;

/** The states of a task, with their wire names. Three are terminal: a terminal task never changes again. */
public enum TaskStatus {
    WORKING("working"),
    /** Waiting for the client to answer a question; this server asks none yet. */
    INPUT_REQUIRED("input_required"),
    /** The tool call returned a result, {@code isError: true} included. */
    COMPLETED("completed"),
    /** The tool call ended in a JSON-RPC error. */
    FAILED("failed"),
    CANCELLED("cancelled");

    private final String wireName;

    TaskStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire, e.g. {@code input_required}. */
    public String wireName() {
        return wireName;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}

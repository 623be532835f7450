package io.msbmcp.adapter.tool;

/** Whether a tool may run as an MCP task ({@code execution.taskSupport} in its definition). */
public enum TaskSupport {
    /** Never as a task (the default: the call is quick). */
    FORBIDDEN("forbidden"),
    /** As a task when the client asks (2025-11-25) or the call runs long (2026-07-28 extension). */
    OPTIONAL("optional"),
    /** Only as a task; a client without tasks is refused. */
    REQUIRED("required");

    private final String wireName;

    TaskSupport(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}

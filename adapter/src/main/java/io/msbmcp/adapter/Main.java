package io.msbmcp.adapter;

/** Placeholder entry point; the MCP server is built in its own change. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("msb-mcp: not built yet");
        System.exit(1);
    }
}

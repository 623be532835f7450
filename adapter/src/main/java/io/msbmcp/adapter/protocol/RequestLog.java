package io.msbmcp.adapter.protocol;

/**
 * Log messages ({@code notifications/message}) a tool may send to the client on its request's SSE answer. The engine's
 * progress listener implements it when the answer can carry them: a 2025-era call in an MCP session that accepts SSE,
 * or a 2026-07-28 call whose {@code _meta} names a {@code logLevel}. A tool checks {@code call.progress() instanceof
 * RequestLog}.
 */
public interface RequestLog {
    /**
     * Sends one log message.
     *
     * @param level an MCP log level ({@code debug} ... {@code emergency})
     * @param logger the logger name shown to the client
     * @param data the message
     */
    void log(String level, String logger, String data);
}

package io.msbmcp.adapter.task;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The caller a task belongs to: its principal and, in the 2025 era, its MCP session. Any other caller is told the task
 * does not exist.
 *
 * @param principal the authenticated principal (the default one without authentication)
 * @param mcpSessionId the {@code Mcp-Session-Id} of a 2025-era caller, or null for a session-less or 2026-era caller
 */
public record TaskOwner(String principal, @Nullable String mcpSessionId) {
    public TaskOwner {
        requireNonNull(principal, "principal");
    }
}

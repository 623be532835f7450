/**
 * The MCP protocol engine on {@code /mcp}: strict parsing, the era of each request (2026-07-28 or the 2025 handshake
 * revisions), validation, MCP sessions, dispatch to the tools and resources, and the answer as JSON or SSE with
 * progress and cancellation. {@link io.msbmcp.adapter.protocol.McpEndpointServlet} is the way in.
 */
@NullMarked
package io.msbmcp.adapter.protocol;

import org.jspecify.annotations.NullMarked;

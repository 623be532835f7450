/** The msb-mcp MCP server: entry point and version. */
@NullMarked
package io.msbmcp.adapter;

import org.jspecify.annotations.NullMarked;

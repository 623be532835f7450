/** Configuration of the MCP server itself: the {@code MCP_*} environment variables and the command-line flags over them. */
@NullMarked
package io.msbmcp.adapter.config;

import org.jspecify.annotations.NullMarked;

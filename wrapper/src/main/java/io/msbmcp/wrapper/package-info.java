/**
 * The wrapper's public API: {@link io.msbmcp.wrapper.MicrosandboxWrapper} and the request and result records the MCP
 * layer exchanges with it. Everything the five MCP tools need is here and nothing more.
 */
@NullMarked
package io.msbmcp.wrapper;

import org.jspecify.annotations.NullMarked;

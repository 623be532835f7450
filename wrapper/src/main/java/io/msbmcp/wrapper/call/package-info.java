/**
 * What travels with one call from the MCP layer into the wrapper: who is calling (the principal that owns sessions),
 * whether the caller has given up (cancellation), and where to report what the call is doing (progress).
 */
@NullMarked
package io.msbmcp.wrapper.call;

import org.jspecify.annotations.NullMarked;

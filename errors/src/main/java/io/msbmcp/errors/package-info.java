/**
 * The one exception hierarchy of msb-mcp: every failure that is not the user's own code failing is an {@link
 * io.msbmcp.errors.MsbException} carrying an {@link io.msbmcp.errors.ErrorCode} (and through it a JSON-RPC code,
 * category and severity), case-specific recovery suggestions and a context map that never holds secrets.
 */
@NullMarked
package io.msbmcp.errors;

import org.jspecify.annotations.NullMarked;

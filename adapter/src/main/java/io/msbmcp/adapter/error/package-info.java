/** Mapping of failures to JSON-RPC errors: {@link io.msbmcp.errors.MsbException} to its code and data, anything else to an internal error with an incident id. */
@NullMarked
package io.msbmcp.adapter.error;

import org.jspecify.annotations.NullMarked;

/** The Jackson mapper of the protocol engine: JSON-RPC envelopes for errors and session fields in tool results. */
@NullMarked
package io.msbmcp.adapter.json;

import org.jspecify.annotations.NullMarked;

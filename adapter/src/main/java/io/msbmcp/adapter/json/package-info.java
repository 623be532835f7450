/** The Jackson mapper shared by the SDK transports and servers: JSON-RPC envelopes for transport errors and session fields in tool results. */
@NullMarked
package io.msbmcp.adapter.json;

import org.jspecify.annotations.NullMarked;

/** The Jackson mapper of the protocol engine: session fields at the top of tool results. */
@NullMarked
package io.msbmcp.adapter.json;

import org.jspecify.annotations.NullMarked;

/** The MCP resources the server offers: what {@code resources/templates/list} shows and {@code resources/read} reads. */
@NullMarked
package io.msbmcp.adapter.resource;

import org.jspecify.annotations.NullMarked;

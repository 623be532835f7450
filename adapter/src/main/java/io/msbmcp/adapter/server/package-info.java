/** The HTTP side: embedded Jetty, the one {@code /mcp} endpoint (a router over the SDK's stateful transport and a stateless JSON transport), health, CORS, Host/Origin checks, bearer auth and request size limits. */
@NullMarked
package io.msbmcp.adapter.server;

import org.jspecify.annotations.NullMarked;

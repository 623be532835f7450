/** The Microsandbox legacy HTTP API client (OkHttp + Jackson) and its resilience decorator. */
@NullMarked
package io.msbmcp.wrapper.client;

import org.jspecify.annotations.NullMarked;

/** Wire records of the Microsandbox legacy JSON-RPC API, one per request or result shape. */
@NullMarked
package io.msbmcp.wrapper.model;

import org.jspecify.annotations.NullMarked;

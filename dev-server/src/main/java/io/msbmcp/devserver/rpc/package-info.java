/** JSON-RPC envelope parsing, dispatch and the five sandbox methods with their parameter rules. */
@NullMarked
package io.msbmcp.devserver.rpc;

import org.jspecify.annotations.NullMarked;

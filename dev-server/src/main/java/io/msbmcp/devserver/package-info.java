/**
 * A local server that speaks the legacy Microsandbox HTTP API (v0.2.6 method names) and really runs Python and Node
 * code, each sandbox in its own bubblewrap jail when {@code bwrap} works. Embed it with {@link
 * io.msbmcp.devserver.DevServer#start(DevServerConfig)} or run {@link io.msbmcp.devserver.DevServerMain}.
 */
@NullMarked
package io.msbmcp.devserver;

import org.jspecify.annotations.NullMarked;

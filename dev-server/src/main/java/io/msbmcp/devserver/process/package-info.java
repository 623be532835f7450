/** Spawning, reading, limiting and killing child processes and their whole trees. */
@NullMarked
package io.msbmcp.devserver.process;

import org.jspecify.annotations.NullMarked;

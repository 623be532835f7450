/** Persistent Python and Node REPL processes, one per sandbox, driven like the Microsandbox portal drives them. */
@NullMarked
package io.msbmcp.devserver.repl;

import org.jspecify.annotations.NullMarked;

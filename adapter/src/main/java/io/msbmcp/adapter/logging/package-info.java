/** Logback set up at run time: text or JSON lines, the level from the configuration. */
@NullMarked
package io.msbmcp.adapter.logging;

import org.jspecify.annotations.NullMarked;

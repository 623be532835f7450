/** Sandboxes: their stored configuration per namespace, their lifecycle, files and metrics. */
@NullMarked
package io.msbmcp.devserver.sandbox;

import org.jspecify.annotations.NullMarked;

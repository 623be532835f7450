/** Wire types of the legacy Microsandbox API and the one exception that maps to its two plain error bodies. */
@NullMarked
package io.msbmcp.devserver.api;

import org.jspecify.annotations.NullMarked;

/** Background tasks: the expiry sweep and the orphan sweep. */
@NullMarked
package io.msbmcp.wrapper.tasks;

import org.jspecify.annotations.NullMarked;

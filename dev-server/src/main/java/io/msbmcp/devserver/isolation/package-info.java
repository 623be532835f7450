/** How a sandbox process is jailed: bubblewrap with a read-only root, or no isolation at all. */
@NullMarked
package io.msbmcp.devserver.isolation;

import org.jspecify.annotations.NullMarked;

/** Sessions: ids, the Caffeine-backed registry, per-session ordering, resource limits and expiry. */
@NullMarked
package io.msbmcp.wrapper.session;

import org.jspecify.annotations.NullMarked;

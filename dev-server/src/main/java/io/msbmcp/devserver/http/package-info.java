/** The Jetty handler: routes, HTTP status rules, authentication and body parsing of the legacy API. */
@NullMarked
package io.msbmcp.devserver.http;

import org.jspecify.annotations.NullMarked;

/**
 * The benchmark of msb-mcp: starts the server with its launcher, a bare Jetty servlet as the floor and an instant
 * fake Microsandbox backend, drives them with wrk and a Java client, and prints one markdown table.
 */
@NullMarked
package io.msbmcp.bench;

import org.jspecify.annotations.NullMarked;

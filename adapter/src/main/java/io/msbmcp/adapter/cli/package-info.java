/** The command line: picocli options over the environment, exit codes, and the process lifecycle (startup line, SIGTERM). */
@NullMarked
package io.msbmcp.adapter.cli;

import org.jspecify.annotations.NullMarked;

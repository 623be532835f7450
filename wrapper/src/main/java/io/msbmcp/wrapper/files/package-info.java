/**
 * Files in and out of a session's sandbox over the legacy API's {@code sandbox.command.run}: upload in chunks (atomic,
 * verified by SHA-256), download, listing, the scan for files a run created, and MIME sniffing. Every value the caller
 * sends travels as a separate argument; nothing is spliced into a shell line.
 */
@NullMarked
package io.msbmcp.wrapper.files;

import org.jspecify.annotations.NullMarked;

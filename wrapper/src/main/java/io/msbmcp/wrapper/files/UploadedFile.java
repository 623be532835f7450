package io.msbmcp.wrapper.files;

/**
 * A file written into a sandbox.
 *
 * @param path its absolute path
 * @param size its size in bytes
 * @param sha256 the SHA-256 of its content (hex), checked inside the sandbox before it took the target name
 * @param chunks how many {@code sandbox.command.run} calls carried it
 */
public record UploadedFile(String path, long size, String sha256, int chunks) {}

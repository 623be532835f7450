package io.msbmcp.wrapper.files;

import java.time.Instant;

/**
 * One entry of a listing.
 *
 * @param path its absolute path
 * @param type {@code file}, {@code directory}, {@code symlink} or {@code other} (device, FIFO, socket)
 * @param size its size in bytes (of the link itself for a symlink)
 * @param modified its last modification time
 */
public record FileEntry(String path, String type, long size, Instant modified) {}

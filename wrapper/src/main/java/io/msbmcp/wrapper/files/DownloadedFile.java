package io.msbmcp.wrapper.files;

/**
 * A file read from a sandbox.
 *
 * @param path its absolute path
 * @param size its full size in bytes
 * @param content the bytes returned: the whole file, or its first {@code max_bytes} when {@code truncated}
 * @param sha256 the SHA-256 of {@code content} (hex)
 * @param mimeType the type sniffed from the content and the name
 * @param truncated true when only the head of the file is returned
 */
public record DownloadedFile(
        String path, long size, byte[] content, String sha256, String mimeType, boolean truncated) {}

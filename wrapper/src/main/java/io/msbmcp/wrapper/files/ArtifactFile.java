package io.msbmcp.wrapper.files;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A file a run created or changed under the working directory.
 *
 * @param path its absolute path
 * @param relativePath its path under the working directory
 * @param size its size in bytes
 * @param modified its modification time (the sandbox's clock)
 * @param mimeType its type (sniffed from the bytes for pictures shown inline, else from the name)
 * @param image the picture's bytes, for PNG, JPEG, GIF and WebP files up to {@code MSB_MAX_INLINE_IMAGE_BYTES}
 */
public record ArtifactFile(
        String path, String relativePath, long size, Instant modified, String mimeType, byte @Nullable [] image) {}

package io.msbmcp.wrapper.files;

import java.util.List;

/**
 * The entries under a path, sorted by path.
 *
 * @param path the absolute path listed
 * @param entries what it holds (itself, for a file)
 * @param truncated true when there were more than {@code max_entries}, or the listing ran out of time
 */
public record FileListing(String path, List<FileEntry> entries, boolean truncated) {
    public FileListing {
        entries = List.copyOf(entries);
    }
}

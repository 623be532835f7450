package io.msbmcp.wrapper.files;

import static java.util.Objects.requireNonNull;

import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.wrapper.Flavor;
import io.msbmcp.wrapper.Template;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A file to write into a session's sandbox.
 *
 * @param path where to write it; relative paths resolve against the sandbox's working directory
 * @param content the bytes
 * @param sessionId the session (null: a new one; unknown: created under that id, as the execution tools do)
 * @param template the template of a new session (python when null)
 * @param flavor the flavor of a new session ({@code MSB_DEFAULT_FLAVOR} when null)
 * @param mode octal permissions such as {@code 0755}, or null for the sandbox's default ({@code 0644} usually)
 * @param overwrite whether an existing file may be replaced
 */
public record UploadFileRequest(
        String path,
        byte[] content,
        @Nullable String sessionId,
        @Nullable Template template,
        @Nullable Flavor flavor,
        @Nullable String mode,
        boolean overwrite) {
    private static final Pattern MODE = Pattern.compile("^0?[0-7]{3}$");

    public UploadFileRequest {
        requireNonNull(path, "path");
        requireNonNull(content, "content");
        SandboxPaths.check(path, "path");
        if (mode != null && !MODE.matcher(mode).matches()) {
            throw InvalidArgumentException.of(
                    "mode", "must be octal permissions such as '0644' or '755' (got '" + mode + "')");
        }
    }
}

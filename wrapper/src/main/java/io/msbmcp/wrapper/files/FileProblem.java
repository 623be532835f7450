package io.msbmcp.wrapper.files;

import static java.util.Objects.requireNonNull;

/**
 * Why the sandbox's file system refused a file call: the file is missing, is a directory, already exists, and so on.
 * The file tools answer it as a result with {@code isError} (the agent can fix the path and call again); resources
 * answer it as an invalid {@code uri}.
 *
 * @param kind what went wrong
 * @param path the absolute path concerned
 * @param detail what the sandbox said, for the message (may be empty)
 */
public record FileProblem(Kind kind, String path, String detail) {
    /** What went wrong. */
    public enum Kind {
        NOT_FOUND,
        IS_DIRECTORY,
        NOT_A_REGULAR_FILE,
        ALREADY_EXISTS,
        PARENT_NOT_A_DIRECTORY,
        PERMISSION_DENIED,
        FAILED
    }

    public FileProblem {
        requireNonNull(kind, "kind");
        requireNonNull(path, "path");
        requireNonNull(detail, "detail");
    }

    /** One sentence naming the path and the cause. */
    public String message() {
        String text = switch (kind) {
            case NOT_FOUND -> "No file or directory '" + path + "' in the sandbox";
            case IS_DIRECTORY -> "'" + path + "' is a directory, not a file";
            case NOT_A_REGULAR_FILE -> "'" + path + "' is not a regular file (a device, FIFO or socket)";
            case ALREADY_EXISTS -> "'" + path + "' already exists and overwrite is false";
            case PARENT_NOT_A_DIRECTORY -> "The folder of '" + path + "' cannot be made (a part of it is a file)";
            case PERMISSION_DENIED -> "Permission denied for '" + path + "'";
            case FAILED -> "The file call on '" + path + "' failed";
        };
        return detail.isEmpty() ? text : text + ": " + detail;
    }

    /** What the caller can do about it. */
    public String suggestion() {
        return switch (kind) {
            case NOT_FOUND ->
                "Check the path with list_files (relative paths start in the session's working directory)";
            case IS_DIRECTORY -> "Give a file inside it; list_files shows what the directory holds";
            case NOT_A_REGULAR_FILE -> "Only regular files can be transferred";
            case ALREADY_EXISTS -> "Pass overwrite: true to replace it, or choose another path";
            case PARENT_NOT_A_DIRECTORY -> "Choose a path whose folders are directories";
            case PERMISSION_DENIED -> "Use a path under the session's working directory or /tmp";
            case FAILED -> "Retry the call; check free space in the sandbox with execute_command 'df -h .'";
        };
    }

    /** Parses the kind a file script printed (e.g. {@code not_found}); unknown kinds are {@link Kind#FAILED}. */
    static Kind kindOf(String word) {
        return switch (word) {
            case "not_found" -> Kind.NOT_FOUND;
            case "is_directory" -> Kind.IS_DIRECTORY;
            case "not_regular" -> Kind.NOT_A_REGULAR_FILE;
            case "exists" -> Kind.ALREADY_EXISTS;
            case "parent" -> Kind.PARENT_NOT_A_DIRECTORY;
            case "denied" -> Kind.PERMISSION_DENIED;
            default -> Kind.FAILED;
        };
    }
}

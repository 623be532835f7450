package io.msbmcp.wrapper.files;

import io.msbmcp.errors.CommandExecutionException;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.OutputLine;
import io.msbmcp.wrapper.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one file script as {@code sh -c SCRIPT sh ARGS…} through {@code sandbox.command.run}, straight to the client:
 * its output is never capped by {@code MSB_MAX_OUTPUT_BYTES} (that cap is for execution output).
 */
final class FileCommands {
    private static final int DETAIL_CHARS = 500;

    private final MicrosandboxClient client;
    private final String namespace;
    private final Duration timeout;

    FileCommands(MicrosandboxClient client, String namespace, Duration timeout) {
        this.client = client;
        this.namespace = namespace;
        this.timeout = timeout;
    }

    /** Runs {@code script} with {@code args}; a script that exits non-zero is a {@link CommandExecutionException}. */
    Output run(Session session, String script, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 3);
        argv.add("-c");
        argv.add(script);
        argv.add("sh");
        argv.addAll(args);
        CommandRunResult result = client.runCommand(
                new CommandRunParams(session.sandboxName(), namespace, "sh", argv, timeout.toSeconds()));
        List<String> stdout = new ArrayList<>();
        StringBuilder stderr = new StringBuilder();
        for (OutputLine line : result.lines()) {
            String text = line.text() == null ? "" : line.text();
            if (line.isStderr()) {
                if (stderr.length() < DETAIL_CHARS) {
                    stderr.append(text).append(' ');
                }
            } else {
                stdout.add(text);
            }
        }
        Integer exit = result.exitCode();
        if (exit != null && exit != 0) {
            String detail = stderr.toString().strip();
            throw CommandExecutionException.commandFailed(
                    session.id(),
                    "a file operation exited with " + exit + (detail.isEmpty() ? "" : ": " + truncate(detail)));
        }
        return new Output(stdout);
    }

    private static String truncate(String text) {
        return text.length() <= DETAIL_CHARS ? text : text.substring(0, DETAIL_CHARS) + "...";
    }

    /** The stdout lines of one script run. */
    record Output(List<String> lines) {
        /** The rest of the first line that starts with {@code tag + " "} (or equals {@code tag}). */
        Optional<String> value(String tag) {
            for (String line : lines) {
                if (line.equals(tag)) {
                    return Optional.of("");
                }
                if (line.startsWith(tag + " ")) {
                    return Optional.of(line.substring(tag.length() + 1).strip());
                }
            }
            return Optional.empty();
        }

        /** Every line that starts with {@code tag + " "}, without the tag. */
        List<String> values(String tag) {
            List<String> values = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith(tag + " ")) {
                    values.add(line.substring(tag.length() + 1));
                }
            }
            return values;
        }

        /** The refusal the script printed ({@code MSBERR kind detail}) for {@code path}, if any. */
        Optional<FileProblem> problem(String path) {
            return value("MSBERR").map(rest -> {
                int space = rest.indexOf(' ');
                String kind = space < 0 ? rest : rest.substring(0, space);
                String detail = space < 0 ? "" : rest.substring(space + 1).strip();
                return new FileProblem(classify(kind, detail), path, detail);
            });
        }

        private static FileProblem.Kind classify(String kind, String detail) {
            if (kind.equals("mkdir") || kind.equals("write")) {
                if (detail.contains("Permission denied") || detail.contains("Read-only file system")) {
                    return FileProblem.Kind.PERMISSION_DENIED;
                }
                if (kind.equals("mkdir") && (detail.contains("Not a directory") || detail.contains("File exists"))) {
                    return FileProblem.Kind.PARENT_NOT_A_DIRECTORY;
                }
                return FileProblem.Kind.FAILED;
            }
            return FileProblem.kindOf(kind);
        }
    }
}

package io.msbmcp.devserver.repl;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two REPLs of the Microsandbox images and how the portal drives them: the same interpreter flags, the code
 * followed by a statement that prints an end-of-output marker, and for Node the same filtering of stdout lines.
 */
public enum ReplLanguage {
    PYTHON("Python") {
        @Override
        public List<String> argv(String interpreter) {
            // -q: no banner, -u: unbuffered, -i: interactive even on a pipe; empty prompts
            return List.of(interpreter, "-q", "-u", "-i", "-c", "import sys; sys.ps1 = sys.ps2 = ''");
        }

        @Override
        String program(String code, String marker) {
            // The blank line closes an indented block left open at the end of the code.
            return withNewline(code) + "\nprint('" + marker + "'); print('" + marker
                    + "', file=__import__('sys').stderr)\n";
        }

        @Override
        boolean keepsStdoutLine(String line) {
            return true;
        }
    },
    NODE("Node.js") {
        @Override
        public List<String> argv(String interpreter) {
            // No prompt at all, not even the "... " of a continued line, which would prefix the next output line.
            return List.of(
                    interpreter,
                    "-e",
                    "const server = require('repl').start({prompt: '', terminal: false, ignoreUndefined: true,"
                            + " useGlobal: true}); server.displayPrompt = function () {};");
        }

        @Override
        String program(String code, String marker) {
            return withNewline(code) + "console.log('" + marker + "'); console.error('" + marker + "');\n\n";
        }

        @Override
        boolean keepsStdoutLine(String line) {
            // The portal drops blank stdout lines and lines that look like REPL prompts.
            return !line.isBlank() && !line.startsWith(">") && !line.startsWith("..");
        }
    };

    private final String displayName;

    ReplLanguage(String displayName) {
        this.displayName = displayName;
    }

    /** The interpreter command line that starts the REPL. */
    public abstract List<String> argv(String interpreter);

    /** What is written to the REPL's stdin to run {@code code} and then print {@code marker} on both streams. */
    abstract String program(String code, String marker);

    /** Whether a stdout line (other than the marker) belongs in the output. */
    abstract boolean keepsStdoutLine(String line);

    /** "Python" or "Node.js", as in the portal's messages. */
    public String displayName() {
        return displayName;
    }

    /** The language a {@code sandbox.repl.run} request names, case-insensitively, as the portal accepts them. */
    public static Optional<ReplLanguage> fromRequest(String language) {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "python" -> Optional.of(PYTHON);
            case "node", "nodejs", "javascript" -> Optional.of(NODE);
            default -> Optional.empty();
        };
    }

    private static String withNewline(String code) {
        return code.endsWith("\n") ? code : code + "\n";
    }
}

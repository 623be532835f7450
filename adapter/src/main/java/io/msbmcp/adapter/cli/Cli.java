package io.msbmcp.adapter.cli;

import io.msbmcp.errors.MsbException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Wires picocli: parses the flags, maps failures to exit codes ({@link ExitCodes}) and prints every usage or
 * configuration error as one line on standard error, e.g. {@code msb-mcp: Invalid MCP_SERVER_PORT: must be a whole
 * number (got 'abc')}.
 */
public final class Cli {
    private static final Logger logger = LoggerFactory.getLogger(Cli.class);

    private Cli() {}

    /** Runs with the process's standard streams. */
    public static int run(String[] args, Map<String, String> env) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return run(args, env, out, err, new ServerLauncher(out));
    }

    /** Runs with the given streams and server runner (tests). */
    static int run(
            String[] args,
            Map<String, String> env,
            PrintWriter out,
            PrintWriter err,
            ServerCommand.ServerRunner runner) {
        CommandLine commandLine = new CommandLine(new ServerCommand(env, runner));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(new ExitCodes());
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            err.println("msb-mcp: " + oneLine(exception.getMessage()) + " (see --help)");
            err.flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            int code = new ExitCodes().getExitCode(exception);
            if (exception instanceof MsbException) {
                err.println("msb-mcp: " + oneLine(exception.getMessage()));
            } else if (exception instanceof IOException) {
                // e.g. the port is taken: an operational fact, not a bug; the trace helps nobody
                logger.debug("msb-mcp failed", exception);
                Throwable cause = exception.getCause();
                err.println("msb-mcp: " + oneLine(String.valueOf(exception.getMessage()))
                        + (cause == null || cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage())));
            } else {
                logger.error("msb-mcp failed", exception);
                err.println("msb-mcp: failed: " + oneLine(String.valueOf(exception.getMessage())));
            }
            err.flush();
            return code;
        });
        return commandLine.execute(args);
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}

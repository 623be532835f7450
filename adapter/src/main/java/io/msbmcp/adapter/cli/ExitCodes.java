package io.msbmcp.adapter.cli;

import io.msbmcp.errors.MsbException;
import picocli.CommandLine;

/**
 * The process exit codes: 0 after a clean run (including SIGTERM), 2 for a bad flag or a bad configuration value, 1
 * for anything else that stops the server from starting or running.
 */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (exception instanceof MsbException msb) {
            return switch (msb.code()) {
                case CONFIGURATION_ERROR -> USAGE;
                case RESOURCE_LIMIT_EXCEEDED,
                        SANDBOX_CREATION_ERROR,
                        CODE_EXECUTION_ERROR,
                        COMMAND_EXECUTION_ERROR,
                        SESSION_NOT_FOUND,
                        CONNECTION_ERROR,
                        INVALID_ARGUMENT -> FAILURE;
            };
        }
        return FAILURE;
    }
}

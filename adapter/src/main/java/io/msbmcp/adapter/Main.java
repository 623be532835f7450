package io.msbmcp.adapter;

import io.msbmcp.adapter.cli.Cli;
import io.msbmcp.adapter.logging.LoggingSetup;

/** The entry point of {@code msb-mcp.jar}: runs the command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = Cli.run(args, System.getenv());
        LoggingSetup.shutdown(); // logging is asynchronous: write what is queued before exiting
        System.exit(code);
    }
}

package io.msbmcp.adapter;

import io.msbmcp.adapter.cli.Cli;

/** The entry point of {@code msb-mcp.jar}: runs the command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args, System.getenv()));
    }
}

package io.msbmcp.adapter;

import io.msbmcp.adapter.cli.Cli;
import io.msbmcp.adapter.logging.LoggingSetup;
import io.msbmcp.adapter.server.McpHttpServer;

/**
 * The entry point of {@code msb-mcp.jar}: runs the command line and exits with its code. Before it reads the command
 * line, a second thread starts loading the classes of the HTTP side ({@link McpHttpServer#preload()}), so that they
 * load on the second core while this one reads the command line, sets up logging and builds the wrapper. Commands
 * that do not serve ({@code --help}, {@code --version}) exit without waiting for it.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Thread preload = new Thread(McpHttpServer::preload, "msb-mcp-preload");
        preload.setDaemon(true);
        preload.start();
        int code = Cli.run(args, System.getenv());
        LoggingSetup.shutdown(); // logging is asynchronous: write what is queued before exiting
        System.exit(code);
    }
}

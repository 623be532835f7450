package io.msbmcp.devserver;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar msb-dev-server.jar}: runs a {@link DevServer} until SIGTERM or SIGINT. Prints one line with the URL
 * on stdout when ready; logs go to stderr. Exit codes: 0 after a clean stop, 1 when the server cannot start, 2 for a
 * bad command line.
 */
@Command(
        name = "msb-dev-server",
        mixinStandardHelpOptions = true,
        versionProvider = DevServerMain.Version.class,
        sortOptions = false,
        description = {
            "A local Microsandbox server (legacy API, v0.2.6 methods) that runs Python and Node sandboxes as local"
                    + " processes, jailed with bubblewrap when it is available.",
            ""
        })
public final class DevServerMain implements Callable<Integer> {
    private static final String LOGBACK_PROPERTY = "logback.configurationFile";

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    private String host = DevServerConfig.DEFAULT_HOST;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on, 0 for a free one (default: ${DEFAULT-VALUE}).")
    private int port = 5555;

    @Option(
            names = "--api-key-env",
            paramLabel = "VAR",
            description = "Require the API key held by environment variable VAR on every RPC"
                    + " (Authorization: Bearer <key>). Without it, no authentication, like 'msb server start --dev'.")
    private String apiKeyEnv;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Directory for namespaces and sandbox work directories, kept across restarts"
                    + " (default: a temporary directory deleted on exit).")
    private Path dataDir;

    @Option(
            names = "--no-isolation",
            description = "Never use bubblewrap: sandbox code runs unconfined on this machine.")
    private boolean noIsolation;

    @Option(names = "--require-isolation", description = "Refuse to start unless bubblewrap works.")
    private boolean requireIsolation;

    @Option(names = "--python", paramLabel = "CMD", description = "Python to run (default: ${DEFAULT-VALUE}).")
    private String python = "python3";

    @Option(names = "--node", paramLabel = "CMD", description = "Node.js to run (default: ${DEFAULT-VALUE}).")
    private String node = "node";

    public static void main(String[] args) {
        if (System.getProperty(LOGBACK_PROPERTY) == null) {
            System.setProperty(LOGBACK_PROPERTY, "msb-dev-server-logback.xml");
        }
        System.exit(new CommandLine(new DevServerMain()).execute(args));
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0-65535: " + port);
        }
        if (noIsolation && requireIsolation) {
            throw new ParameterException(
                    spec.commandLine(), "--no-isolation and --require-isolation exclude each other");
        }
        String apiKey = null;
        if (apiKeyEnv != null) {
            apiKey = System.getenv(apiKeyEnv);
            if (apiKey == null || apiKey.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(), "--api-key-env: environment variable " + apiKeyEnv + " is not set");
            }
        }
        DevServerConfig config = DevServerConfig.builder()
                .host(host)
                .port(port)
                .apiKey(apiKey)
                .dataDir(dataDir)
                .isolation(
                        noIsolation
                                ? IsolationMode.NONE
                                : requireIsolation ? IsolationMode.REQUIRED : IsolationMode.AUTO)
                .pythonCommand(python)
                .nodeCommand(node)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DevServer server;
        try {
            server = DevServer.start(config);
        } catch (Exception e) {
            err.println("msb-dev-server: cannot start: " + e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "msb-dev-shutdown"));
        if (!server.isolated()) {
            err.println(DevServer.notIsolatedWarning(noIsolation ? "--no-isolation" : "bubblewrap is unavailable"));
            err.flush();
        }
        out.println("Microsandbox dev server listening on " + server.baseUrl()
                + (server.isolated() ? " (sandboxes isolated with bubblewrap)" : " (sandboxes NOT isolated)"));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DevServerMain.class.getPackage().getImplementationVersion();
            return new String[] {"msb-dev-server " + (version == null ? "development build" : version)};
        }
    }
}

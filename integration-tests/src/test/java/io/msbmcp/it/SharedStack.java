package io.msbmcp.it;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One dev server and one adapter shared by every test class that needs nothing special (own session ids keep the
 * tests independent), started on first use and stopped when the whole test run ends. The adapter maps the host folder
 * {@link #volumeHostDir()} to {@code /shared} in every sandbox, allows 100 sessions and uses namespace {@code
 * it-shared}. Classes that need their own adapter (limits, CORS, crashes) still use this dev server.
 */
final class SharedStack implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    static final String NAMESPACE = "it-shared";
    static final String VOLUME_CONTAINER_PATH = "/shared";

    private final Path logDir;
    private final Path volumeHostDir;
    private final DevServerProcess devServer;
    private final AdapterProcess adapter;

    private SharedStack() {
        long start = System.nanoTime();
        this.logDir = ItEnv.newDir("logs", "shared-stack");
        this.volumeHostDir = ItEnv.newDir("volumes", "shared");
        this.devServer = DevServerProcess.start(logDir);
        try {
            this.adapter = AdapterProcess.builder(devServer.baseUrl(), NAMESPACE, logDir)
                    .env("MSB_MAX_SESSIONS", "100")
                    .env("MSB_SHARED_VOLUME_PATH", volumeHostDir + ":" + VOLUME_CONTAINER_PATH)
                    .start()
                    .awaitHealthy(Duration.ofSeconds(30));
        } catch (RuntimeException | AssertionError e) {
            devServer.close();
            throw e;
        }
        System.out.printf(
                "[it] shared stack up in %d ms: dev server %s, adapter %s%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis(), devServer.baseUrl(), adapter.mcpUrl());
    }

    /** The run's shared stack, started on first use; closed by JUnit when the run ends. */
    static SharedStack get(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.create(SharedStack.class))
                .getOrComputeIfAbsent("stack", key -> new SharedStack(), SharedStack.class);
    }

    /** The shared stack if some test already started it. */
    static java.util.Optional<SharedStack> ifStarted(ExtensionContext context) {
        return java.util.Optional.ofNullable(context.getRoot()
                .getStore(ExtensionContext.Namespace.create(SharedStack.class))
                .get("stack", SharedStack.class));
    }

    DevServerProcess devServer() {
        return devServer;
    }

    AdapterProcess adapter() {
        return adapter;
    }

    McpHttp mcp() {
        return adapter.mcp();
    }

    /** The host folder every sandbox of the shared adapter sees at {@code /shared}. */
    Path volumeHostDir() {
        return volumeHostDir;
    }

    String logTail(int lines) {
        return devServer.logTail(lines) + adapter.logTail(lines);
    }

    @Override
    public void close() {
        adapter.close();
        devServer.close();
    }
}

package io.msbmcp.devserver;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts one in-process dev server on a free port for a test class and closes it afterwards. */
final class RunningDevServer implements BeforeAllCallback, AfterAllCallback {
    private final Consumer<DevServerConfig.Builder> customizer;
    private DevServer server;

    RunningDevServer() {
        this(builder -> {});
    }

    RunningDevServer(Consumer<DevServerConfig.Builder> customizer) {
        this.customizer = customizer;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        DevServerConfig.Builder builder = DevServerConfig.builder();
        customizer.accept(builder);
        server = DevServer.start(builder.build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    DevServer server() {
        return server;
    }

    RpcClient client() {
        return new RpcClient(server.baseUrl());
    }
}

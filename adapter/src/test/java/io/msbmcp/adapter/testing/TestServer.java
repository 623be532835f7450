package io.msbmcp.adapter.testing;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.server.McpHttpServer;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.function.UnaryOperator;

/** The MCP server in process on a free loopback port, over a real wrapper pointed at a (WireMock) backend URL. */
public final class TestServer implements AutoCloseable {
    private final MicrosandboxWrapper wrapper;
    private final McpHttpServer server;
    private final Http http;

    private TestServer(MicrosandboxWrapper wrapper, McpHttpServer server) {
        this.wrapper = wrapper;
        this.server = server;
        this.http = new Http(server.baseUri());
    }

    /** A server with default settings over {@code backend}. */
    public static TestServer start(WireMockExtension backend) {
        return start(backend.baseUrl(), b -> b, w -> w);
    }

    /** A server over {@code backendUrl}, with the two configurations adjusted. */
    public static TestServer start(
            String backendUrl,
            UnaryOperator<ServerConfig.Builder> server,
            UnaryOperator<WrapperConfig.Builder> wrapper) {
        WrapperConfig wrapperConfig = wrapper.apply(WrapperConfig.builder()
                        .serverUrl(backendUrl)
                        .namespace("msb-mcp")
                        .maxSessions(250))
                .build();
        ServerConfig serverConfig = server.apply(ServerConfig.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownTimeout(java.time.Duration.ofSeconds(10)))
                .build();
        MicrosandboxWrapper sandbox = MicrosandboxWrapper.create(wrapperConfig);
        try {
            return new TestServer(sandbox, McpHttpServer.start(serverConfig, sandbox));
        } catch (Exception e) {
            sandbox.close();
            throw new IllegalStateException("server did not start", e);
        }
    }

    /** A URL on which nothing listens (a port just freed). */
    public static String deadUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Http http() {
        return http;
    }

    public int port() {
        return server.port();
    }

    public McpHttpServer server() {
        return server;
    }

    public MicrosandboxWrapper wrapper() {
        return wrapper;
    }

    @Override
    public void close() {
        server.close();
        wrapper.close();
    }
}

package io.msbmcp.wrapper.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
final class NoDelaySocketsTest {
    @Test
    void createSocket_unconnectedAsOkHttpAsks_hasTcpNoDelay() throws Exception {
        try (Socket socket = new NoDelaySockets().createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void createSocket_connected_hasTcpNoDelay() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket socket = new NoDelaySockets().createSocket(loopback, server.getLocalPort())) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }
}

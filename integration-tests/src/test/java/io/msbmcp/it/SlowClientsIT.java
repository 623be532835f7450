package io.msbmcp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile HTTP clients against the built jar: 1,000 connections that send headers and then a body byte at a time hold
 * no request thread, so a normal {@code tools/list} is still answered at once; a stalled body ends in 408 as a
 * JSON-RPC envelope, not 500.
 */
@Timeout(120)
final class SlowClientsIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static final int SLOW_CONNECTIONS = 1_000;
    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{}}";

    @Test
    void thousandSlowBodies_toolsListAnsweredUnderOneSecond_stalledBodyGets408() throws Exception {
        long maxFds = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        assumeThat(maxFds)
                .as("ulimit -n of the test JVM (and the adapter it starts) must allow %d sockets", SLOW_CONNECTIONS)
                .isGreaterThan(SLOW_CONNECTIONS + 1_000L);
        AdapterProcess adapter = it.start(
                it.adapterOnSharedDevServer("it-slow").name("adapter-slow").env("MCP_REQUEST_BODY_TIMEOUT", "20"));
        McpHttp mcp = adapter.mcp();
        assertThat(mcp.post(TOOLS_LIST).status()).isEqualTo(200); // warm

        List<Socket> slow = new ArrayList<>();
        try {
            long opening = System.nanoTime();
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", adapter.port()), 5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 1000\r\n\r\n{")
                        .getBytes(UTF_8));
                out.flush();
                slow.add(socket);
            }
            long openMs = (System.nanoTime() - opening) / 1_000_000;
            long[] millis = new long[5];
            for (int i = 0; i < millis.length; i++) {
                for (Socket socket : slow) {
                    socket.getOutputStream().write(' '); // one more body byte on every slow connection
                }
                long start = System.nanoTime();
                McpResponse response = mcp.post(TOOLS_LIST);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.result().path("tools").size()).isPositive();
            }
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "[SlowClientsIT] %d slow-body connections opened in %d ms; tools/list meanwhile took %s ms"
                            + " (median %d ms)%n",
                    slow.size(), openMs, Arrays.toString(millis), sorted[sorted.length / 2]);
            assertThat(sorted[sorted.length / 2])
                    .as("median tools/list with %d slow bodies open", slow.size())
                    .isLessThan(1_000);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }

        AdapterProcess strict = it.start(it.adapterOnSharedDevServer("it-slow-strict")
                .name("adapter-slow-strict")
                .env("MCP_REQUEST_BODY_TIMEOUT", "2"));
        long stalled = System.nanoTime();
        String answer = rawExchange(
                strict.port(),
                "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 90\r\n\r\n"
                        + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/li");
        System.out.printf(
                "[SlowClientsIT] stalled body answered after %d ms%n", (System.nanoTime() - stalled) / 1_000_000);
        assertThat(answer).startsWith("HTTP/1.1 408 ");
        JsonNode envelope = Json.parse(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(envelope.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(envelope.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(envelope.path("error").path("message").asText()).contains("did not arrive within 2 s");
    }

    /** Sends {@code request} and reads until the server closes the connection (at most 30 s). */
    private static String rawExchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(UTF_8);
        }
    }
}

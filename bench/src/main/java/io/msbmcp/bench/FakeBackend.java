package io.msbmcp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An instant fake Microsandbox server (the legacy API: {@code GET /api/v1/health}, {@code POST /api/v1/rpc} with
 * {@code sandbox.start}, {@code sandbox.stop}, {@code sandbox.metrics.get}, {@code sandbox.repl.run}, {@code
 * sandbox.command.run}): it answers every call at once with a well-formed success, except that runs wait for the
 * delay last set with {@code POST /bench/delay} (body: milliseconds), which the 2-s executions use.
 *
 * <p>Run as its own process: {@code java -cp msb-mcp-bench.jar io.msbmcp.bench.FakeBackend <port>}.
 */
public final class FakeBackend {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile long runDelayMs;

    private FakeBackend() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        QueuedThreadPool threads = new QueuedThreadPool(2048, 8);
        threads.setName("fake-backend");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new Api()), "/*");
        server.setHandler(context);
        server.start();
        System.out.println("fake backend listening on " + port);
        server.join();
    }

    /** The legacy API, answered at once. */
    static final class Api extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            write(response, "{\"message\":\"Service is healthy\"}");
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getRequestURI().equals("/bench/delay")) {
                runDelayMs = Long.parseLong(
                        new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                write(response, "{}");
                return;
            }
            JsonNode rpc = MAPPER.readTree(request.getInputStream());
            ObjectNode answer = MAPPER.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", rpc.path("id"));
            String method = rpc.path("method").asText();
            switch (method) {
                case "sandbox.start" -> answer.put("result", "Sandbox started successfully");
                case "sandbox.stop" -> answer.put("result", "Sandbox stopped successfully");
                case "sandbox.metrics.get" -> answer.putObject("result").putArray("sandboxes");
                case "sandbox.repl.run" -> {
                    pause();
                    ObjectNode result = answer.putObject("result")
                            .put("status", "success")
                            .put("language", rpc.path("params").path("language").asText("python"));
                    result.putArray("output")
                            .addObject()
                            .put("stream", "stdout")
                            .put("text", "1");
                }
                case "sandbox.command.run" -> {
                    pause();
                    ObjectNode result = answer.putObject("result")
                            .put("command", rpc.path("params").path("command").asText())
                            .put("exit_code", 0)
                            .put("success", true);
                    result.putArray("args");
                    result.putArray("output")
                            .addObject()
                            .put("stream", "stdout")
                            .put("text", "1");
                }
                default -> {
                    answer.remove("id");
                    response.setStatus(404);
                    answer.putObject("error").put("code", -32601).put("message", "Method not found");
                    answer.set("id", rpc.path("id"));
                }
            }
            write(response, MAPPER.writeValueAsString(answer));
        }

        private static void pause() {
            long delay = runDelayMs;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static void write(HttpServletResponse response, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }
}

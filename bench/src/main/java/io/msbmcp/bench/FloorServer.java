package io.msbmcp.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The floor: a bare Jetty 12 servlet, with Jetty's defaults, that reads each POST body and answers with fixed bytes
 * (the very answer msb-mcp gives to the cheap call). Nothing a real server could do is faster on this machine.
 *
 * <p>Run as its own process: {@code java -cp msb-mcp-bench.jar io.msbmcp.bench.FloorServer <port> <answer-file>}.
 */
public final class FloorServer {
    private FloorServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] answer = Files.readAllBytes(Path.of(args[1]));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new FixedAnswer(answer)), "/*");
        server.setHandler(context);
        server.start();
        System.out.println("floor listening on " + port);
        server.join();
    }

    /** Reads the request body, answers 200 with the fixed JSON bytes. */
    static final class FixedAnswer extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final byte[] answer;

        FixedAnswer(byte[] answer) {
            this.answer = answer.clone();
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try (InputStream in = request.getInputStream()) {
                in.transferTo(OutputStreamSink.INSTANCE);
            }
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(answer.length);
            response.getOutputStream().write(answer);
        }
    }

    /** Discards bytes. */
    static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}

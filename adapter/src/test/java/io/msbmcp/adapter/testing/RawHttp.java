package io.msbmcp.adapter.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends HTTP/1.1 requests byte for byte over a socket, for what {@code java.net.http} will not send: curl's exact
 * requests and foreign {@code Host} headers. {@link #send} asks the server to close the connection; {@link #exchange}
 * keeps it open.
 */
public final class RawHttp {
    private RawHttp() {}

    /** A response: status, headers (lower-case names) and the body, de-chunked. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code request} (whose lines end with CRLF) to {@code 127.0.0.1:port} and reads the whole response. */
    public static Response send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(UTF_8));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends {@code request} on an open connection and reads one response, leaving the connection open for the next (the
     * request must not ask to close it).
     */
    public static Response exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(UTF_8));
        out.flush();
        return read(socket.getInputStream());
    }

    /** A request in curl's shape: request line, Host, User-Agent, the given headers, Content-Length, body. */
    public static String curlRequest(String method, int port, String path, String headers, String body) {
        StringBuilder request = new StringBuilder();
        request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        request.append("Host: localhost:").append(port).append("\r\n");
        request.append("User-Agent: curl/7.88.1\r\n");
        request.append(headers);
        if (!body.isEmpty()) {
            request.append("Content-Length: ")
                    .append(body.getBytes(UTF_8).length)
                    .append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        request.append(body);
        return request.toString();
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.merge(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).trim(), 16);
                    size > 0;
                    size = Integer.parseInt(line(in).trim(), 16)) {
                all.write(in.readNBytes(size));
                line(in);
            }
            body = all.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(UTF_8);
    }
}

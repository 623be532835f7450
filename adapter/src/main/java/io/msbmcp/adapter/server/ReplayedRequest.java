package io.msbmcp.adapter.server;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The request handed to the SDK's stateful transport: the body the router already read, replayed, and an {@code
 * Accept} header naming both JSON and SSE. The SDK checks Accept with a substring test that rejects {@code *}{@code
 * /*} and a missing header; the router has already decided this request belongs to the stateful transport.
 */
final class ReplayedRequest extends HttpServletRequestWrapper {
    static final String ACCEPT_BOTH = "application/json, text/event-stream";

    private final byte @Nullable [] body;

    ReplayedRequest(HttpServletRequest request, byte @Nullable [] body) {
        super(request);
        this.body = body;
    }

    @Override
    public @Nullable String getHeader(String name) {
        if ("Accept".equalsIgnoreCase(name)) {
            return ACCEPT_BOTH;
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if ("Accept".equalsIgnoreCase(name)) {
            return Collections.enumeration(List.of(ACCEPT_BOTH));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
        if (names.stream().noneMatch("Accept"::equalsIgnoreCase)) {
            names.add("Accept");
        }
        return Collections.enumeration(names);
    }

    @Override
    public int getContentLength() {
        return body == null ? super.getContentLength() : body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body == null ? super.getContentLengthLong() : body.length;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        byte[] bytes = body;
        if (bytes == null) {
            return super.getInputStream();
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("the replayed body is read synchronously");
            }
        };
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (body == null) {
            return super.getReader();
        }
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
}

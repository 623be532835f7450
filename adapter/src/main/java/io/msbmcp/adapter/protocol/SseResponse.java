package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One request's {@code text/event-stream} answer: notifications that relate to the request, {@code :} keep-alive
 * comments, then the response, which ends the stream. Writes are serialized (the progress ticker and the request
 * thread both write). The first write that fails marks the stream broken, runs the broken-stream action once (which
 * fires the call's cancellation: the client is gone), and turns every later write into a no-op. {@link #mute()} turns
 * writes into no-ops too, for a request the client cancelled.
 */
final class SseResponse {
    private final HttpServletResponse response;
    private final ObjectMapper mapper;
    private final Runnable onBroken;
    private boolean open;
    private boolean broken;
    private boolean muted;

    SseResponse(HttpServletResponse response, ObjectMapper mapper, Runnable onBroken) {
        this.response = response;
        this.mapper = mapper;
        this.onBroken = onBroken;
    }

    /** Sends the status and headers at once, so the client knows the call is under way. */
    synchronized void open() {
        if (open) {
            return;
        }
        open = true;
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache, no-transform");
        response.setHeader("X-Accel-Buffering", "no");
        write(null);
    }

    /** Sends one JSON-RPC message as an SSE event. */
    synchronized void event(JsonNode message) {
        open();
        try {
            write("event: message\ndata: " + mapper.writeValueAsString(message) + "\n\n");
        } catch (IOException e) {
            fail();
        }
    }

    /** Sends a {@code :} comment line: keeps idle proxies from closing the stream and finds a client that is gone. */
    synchronized void keepAlive() {
        open();
        write(": keep-alive\n\n");
    }

    /** From now on nothing more is written. */
    synchronized void mute() {
        muted = true;
    }

    synchronized boolean broken() {
        return broken;
    }

    private void write(@Nullable String text) {
        if (broken || muted) {
            return;
        }
        try {
            ServletOutputStream out = response.getOutputStream();
            if (text != null) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            fail();
        }
    }

    private void fail() {
        if (!broken) {
            broken = true;
            onBroken.run();
        }
    }
}

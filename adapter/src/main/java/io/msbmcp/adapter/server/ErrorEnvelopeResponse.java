package io.msbmcp.adapter.server;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/**
 * The response handed to the SDK's stateful transport: its {@code sendError} calls (404 for an unknown session on
 * DELETE, 503 while shutting down, 413) answer with a JSON-RPC envelope carrying the request's id instead of Jetty's
 * HTML error page.
 */
final class ErrorEnvelopeResponse extends HttpServletResponseWrapper {
    private final @Nullable Object requestId;
    private final @Nullable String sessionId;

    ErrorEnvelopeResponse(HttpServletResponse response, @Nullable Object requestId, @Nullable String sessionId) {
        super(response);
        this.requestId = requestId;
        this.sessionId = sessionId;
    }

    @Override
    public void sendError(int status) throws IOException {
        sendError(status, null);
    }

    @Override
    public void sendError(int status, @Nullable String message) throws IOException {
        String text = message;
        if (status == HttpStatus.NOT_FOUND_404 && sessionId != null) {
            text = "Session not found: " + sessionId;
        } else if (status == HttpStatus.PAYLOAD_TOO_LARGE_413) {
            text = "Request body too large";
        }
        JsonRpcErrors.write((HttpServletResponse) getResponse(), status, requestId, text);
    }
}

package io.msbmcp.adapter.protocol;

import io.msbmcp.adapter.server.JsonRpcErrors;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A {@code tools/call} answered as {@code application/json} that may run long. A call that ends within the grace
 * period is written as before (status, {@code Content-Length}, body). Once a call runs longer, {@link #keepAlive()}
 * commits the 200 and writes a space every second: JSON allows whitespace before the value, so clients parse the answer
 * unchanged, idle proxies see traffic, and a client that disconnected makes a write fail, which fires the call's
 * cancellation (Jetty itself does not report a closed connection while the request is being handled).
 */
final class JsonResponse {
    private final HttpServletResponse response;
    private final Runnable onBroken;
    private boolean committed;
    private boolean broken;
    private boolean finished;

    JsonResponse(HttpServletResponse response, Runnable onBroken) {
        this.response = response;
        this.onBroken = onBroken;
    }

    /** Writes one space (committing the 200 first); a failed write marks the client gone. */
    synchronized void keepAlive() {
        if (finished || broken) {
            return;
        }
        try {
            if (!committed) {
                committed = true;
                response.setStatus(200);
                response.setContentType(JsonRpcErrors.JSON_UTF8);
            }
            ServletOutputStream out = response.getOutputStream();
            out.write(' ');
            out.flush();
        } catch (IOException | RuntimeException e) {
            broken = true;
            onBroken.run();
        }
    }

    /** Writes the answer; nothing when the client is gone. */
    synchronized void finish(byte[] body) throws IOException {
        finished = true;
        if (broken) {
            return;
        }
        if (!committed) {
            response.setStatus(200);
            response.setContentType(JsonRpcErrors.JSON_UTF8);
            response.setContentLength(body.length);
        }
        response.getOutputStream().write(body);
    }

    /** Ends the answer without a body (the call was cancelled): 204, or the spaces written so far. */
    synchronized void finishEmpty() {
        finished = true;
        if (!committed && !broken) {
            response.setStatus(204);
        }
    }
}

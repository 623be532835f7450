package io.msbmcp.adapter.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty error handlers that answer every error Jetty itself produces (unknown path, a servlet's {@code
 * sendError}, an uncaught exception) with a JSON-RPC envelope instead of an HTML page, whatever the client accepts.
 * They never show a stack trace or an exception's text for 500.
 */
final class JsonErrorHandlers {
    private JsonErrorHandlers() {}

    /** For the server, outside any context (and for malformed HTTP). */
    static ErrorHandler server() {
        return new ServerHandler();
    }

    /** For the servlet context. */
    static org.eclipse.jetty.ee10.servlet.ErrorHandler context() {
        return new ContextHandler();
    }

    private static String body(int code, @Nullable String message) {
        return new String(
                JsonRpcErrors.envelope(null, JsonRpcErrors.codeFor(code), JsonRpcErrors.messageFor(code, message)),
                StandardCharsets.UTF_8);
    }

    private static final class ServerHandler extends ErrorHandler {
        ServerHandler() {
            setShowStacks(false);
            setShowCauses(false);
        }

        /** Every error gets its envelope, whatever the method (Jetty's default only answers GET, POST and HEAD). */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request,
                Response response,
                int code,
                @Nullable String message,
                @Nullable Throwable cause,
                Callback callback)
                throws IOException {
            if (!generateAcceptableResponse(
                    request,
                    response,
                    callback,
                    "application/json",
                    List.of(StandardCharsets.UTF_8),
                    code,
                    message,
                    cause)) {
                callback.succeeded();
            }
        }

        @Override
        protected void writeErrorJson(
                Request request, PrintWriter writer, int code, @Nullable String message, @Nullable Throwable cause) {
            writer.write(body(code, message));
        }
    }

    private static final class ContextHandler extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
        ContextHandler() {
            setShowStacks(false);
            setShowCauses(false);
        }

        /** Every error gets its envelope, whatever the method (Jetty's default only answers GET, POST and HEAD). */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(
                Request request,
                Response response,
                int code,
                @Nullable String message,
                @Nullable Throwable cause,
                Callback callback)
                throws IOException {
            generateAcceptableResponse(
                    request,
                    response,
                    callback,
                    "application/json",
                    List.of(StandardCharsets.UTF_8),
                    code,
                    message,
                    cause);
        }

        @Override
        protected void writeErrorJson(
                Request request, PrintWriter writer, int code, @Nullable String message, @Nullable Throwable cause) {
            writer.write(body(code, message));
        }
    }
}

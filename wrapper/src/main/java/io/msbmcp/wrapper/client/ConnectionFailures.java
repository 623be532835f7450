package io.msbmcp.wrapper.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/** Turns the I/O exception of a failed call into a short plain-English reason for error messages. */
final class ConnectionFailures {
    /**
     * A Java class name that a JDK message quotes, with its colon: the TLS stack's messages hold nested ones, such as
     * {@code PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find...}.
     */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

    private ConnectionFailures() {}

    static String describe(IOException e) {
        String message =
                e.getMessage() == null ? "" : CLASS_NAME.matcher(e.getMessage()).replaceAll("");
        String lower = message.toLowerCase(Locale.ROOT);
        if (e instanceof UnknownHostException) {
            return "unknown host" + (message.isEmpty() ? "" : " '" + message + "'");
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof ConnectException) {
            return "connection refused (nothing listens there)";
        }
        if (e instanceof SSLException) {
            return "TLS handshake failed" + (message.isEmpty() ? "" : ": " + message);
        }
        if (lower.contains("reset")) {
            return "connection reset by the server";
        }
        if (e instanceof EOFException || lower.contains("end of stream") || lower.contains("closed")) {
            return "the connection closed before a complete answer";
        }
        if (e instanceof SocketException) {
            return "network error" + (message.isEmpty() ? "" : ": " + message);
        }
        return message.isEmpty() ? "I/O error" : message;
    }
}

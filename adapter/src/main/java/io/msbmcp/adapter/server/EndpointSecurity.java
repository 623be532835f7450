package io.msbmcp.adapter.server;

import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.wrapper.call.CallContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;

/**
 * The checks in front of {@code /mcp}: DNS-rebinding protection on {@code Host} and {@code Origin}, and the optional
 * bearer token.
 *
 * <ul>
 *   <li>{@code Host} must name this server: {@code localhost}, {@code 127.0.0.1} or {@code [::1]} on any port, the
 *       configured bind host, or an entry of {@code MCP_ALLOWED_HOSTS} ({@code name} for any port, {@code name:port}
 *       for one). Otherwise 421.
 *   <li>{@code Origin}, when present: with CORS on it must match {@code MCP_CORS_ORIGINS}; with CORS off its host must
 *       pass the Host rule. Otherwise 403.
 *   <li>With {@code MCP_AUTH_TOKEN}, {@code MCP_AUTH_TOKENS} or {@code MCP_AUTH_TOKENS_FILE} set, {@code
 *       Authorization: Bearer <token>} is required, with one of the configured tokens (compared in constant time on
 *       SHA-256 digests, against every token without stopping at a match, so neither content, length nor position
 *       leaks). Otherwise 401. The token names the request's principal: {@code default} for {@code MCP_AUTH_TOKEN},
 *       the pair's name for the others.
 * </ul>
 */
public final class EndpointSecurity {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final List<HostRule> hostRules;
    private final boolean corsEnabled;
    private final OriginPatterns corsOrigins;
    private final List<Credential> credentials;

    /** One accepted token, as its digest, and the principal it names. */
    private record Credential(String principal, byte[] digest) {}

    /** An allowed host name, on any port ({@code port == null}) or one port. */
    private record HostRule(String name, @Nullable Integer port) {
        boolean matches(String host, @Nullable Integer requestPort) {
            return name.equals(host) && (port == null || port.equals(requestPort));
        }
    }

    /** Why a request was refused: the HTTP status and a message safe to show. */
    public record Rejection(int status, String message) {}

    public EndpointSecurity(ServerConfig config) {
        List<HostRule> rules = new ArrayList<>();
        for (String name : LOOPBACK) {
            rules.add(new HostRule(name, null));
        }
        String bindHost = normalizeHost(config.host());
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("[::]")) {
            rules.add(new HostRule(bindHost, null));
        }
        for (String entry : config.allowedHosts()) {
            HostPort hostPort = HostPort.parse(entry);
            if (hostPort != null) {
                rules.add(new HostRule(hostPort.host(), hostPort.port()));
            }
        }
        this.hostRules = List.copyOf(rules);
        this.corsEnabled = config.corsEnabled();
        this.corsOrigins = new OriginPatterns(config.corsOrigins());
        List<Credential> accepted = new ArrayList<>();
        if (config.authToken() != null) {
            accepted.add(new Credential(CallContext.DEFAULT_PRINCIPAL, sha256(config.authToken())));
        }
        config.authTokens().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(entry -> accepted.add(new Credential(entry.getKey(), sha256(entry.getValue()))));
        this.credentials = List.copyOf(accepted);
    }

    /** The first check the request fails, or null when it passes Host and Origin. */
    @Nullable
    public Rejection checkHostAndOrigin(@Nullable String host, @Nullable String origin) {
        if (host != null && !host.isBlank() && !hostAllowed(HostPort.parse(host))) {
            return new Rejection(
                    HttpStatus.MISDIRECTED_REQUEST_421,
                    "Host '" + abbreviate(host) + "' is not allowed (DNS-rebinding protection; add it to"
                            + " MCP_ALLOWED_HOSTS)");
        }
        if (origin != null && !originAllowed(origin)) {
            return new Rejection(
                    HttpStatus.FORBIDDEN_403,
                    "Origin '" + abbreviate(origin) + "' is not allowed"
                            + (corsEnabled ? " (MCP_CORS_ORIGINS)" : " (CORS is off: MCP_ENABLE_CORS)"));
        }
        return null;
    }

    /** A 401 rejection when a token is configured and {@code authorization} does not carry it; else null. */
    @Nullable
    public Rejection checkAuthorization(@Nullable String authorization) {
        if (credentials.isEmpty()) {
            return null;
        }
        if (match(authorization) == null) {
            return new Rejection(
                    HttpStatus.UNAUTHORIZED_401,
                    "Unauthorized: send the server's token as 'Authorization: Bearer <token>'");
        }
        return null;
    }

    /**
     * The principal of a request that passed {@link #checkAuthorization}: who owns the sessions (and tasks) it creates.
     * Without authentication it is {@link CallContext#DEFAULT_PRINCIPAL}. Never the token itself.
     */
    public String principal(@Nullable String authorization) {
        if (credentials.isEmpty()) {
            return CallContext.DEFAULT_PRINCIPAL;
        }
        Credential credential = match(authorization);
        if (credential == null) {
            throw new IllegalStateException("principal() of a request that did not pass checkAuthorization()");
        }
        return credential.principal();
    }

    /** Whether a bearer token is required. */
    boolean authRequired() {
        return !credentials.isEmpty();
    }

    /** The credential whose token {@code authorization} carries; every credential is compared, in constant time. */
    private @Nullable Credential match(@Nullable String authorization) {
        String token = bearerToken(authorization);
        byte[] digest = sha256(token == null ? "" : token);
        Credential found = null;
        for (Credential credential : credentials) {
            if (MessageDigest.isEqual(credential.digest(), digest) && found == null) {
                found = credential;
            }
        }
        return token == null ? null : found;
    }

    private boolean hostAllowed(@Nullable HostPort hostPort) {
        if (hostPort == null) {
            return false;
        }
        for (HostRule rule : hostRules) {
            if (rule.matches(hostPort.host(), hostPort.port())) {
                return true;
            }
        }
        return false;
    }

    private boolean originAllowed(String origin) {
        if (corsEnabled) {
            return corsOrigins.matches(origin);
        }
        try {
            URI uri = new URI(origin.trim());
            String host = uri.getHost();
            if (host == null || uri.getScheme() == null) {
                return false;
            }
            return hostAllowed(new HostPort(normalizeHost(host), uri.getPort() < 0 ? null : uri.getPort()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.length() < 7 || !value.substring(0, 7).equalsIgnoreCase("Bearer ")) {
            return null;
        }
        String token = value.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Lower case, IPv6 literals in brackets. */
    static String normalizeHost(String host) {
        String lower = host.trim().toLowerCase(Locale.ROOT);
        if (lower.contains(":") && !lower.startsWith("[")) {
            return "[" + lower + "]";
        }
        return lower;
    }

    private static String abbreviate(String value) {
        String clean = value.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() > 100 ? clean.substring(0, 97) + "..." : clean;
    }

    /** A parsed {@code host[:port]}, IPv6 literals in brackets. */
    record HostPort(String host, @Nullable Integer port) {
        static @Nullable HostPort parse(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            String host;
            String port = null;
            if (text.startsWith("[")) {
                int end = text.indexOf(']');
                if (end < 0) {
                    return null;
                }
                host = text.substring(0, end + 1);
                String rest = text.substring(end + 1);
                if (rest.startsWith(":")) {
                    port = rest.substring(1);
                } else if (!rest.isEmpty()) {
                    return null;
                }
            } else {
                int colon = text.lastIndexOf(':');
                if (colon >= 0 && text.indexOf(':') != colon) {
                    return new HostPort("[" + text + "]", null);
                }
                host = colon < 0 ? text : text.substring(0, colon);
                port = colon < 0 ? null : text.substring(colon + 1);
            }
            if (host.isEmpty() || host.equals("[]")) {
                return null;
            }
            if (port == null || port.equals("*")) {
                return new HostPort(host, null);
            }
            try {
                return new HostPort(host, Integer.parseInt(port));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}

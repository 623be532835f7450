package io.msbmcp.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged MCP server ({@code msb-mcp.jar}) as a real process: bound to 127.0.0.1 on a free port ({@code --port
 * 0}; the URL is read from its one startup line), pointed at a dev server with {@code MSB_SERVER_URL}.
 */
final class AdapterProcess implements ItProcess {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern STARTUP_LINE = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+)/mcp)");

    private final String name;
    private final ManagedProcess process;
    private final String namespace;
    private URI mcpUrl = URI.create("http://127.0.0.1:0/mcp");
    private int port;

    private AdapterProcess(Builder builder) {
        this.name = builder.name;
        this.namespace = builder.env.get("MSB_NAMESPACE");
        List<String> command = new ArrayList<>(List.of(
                ItEnv.java(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx512m",
                "-jar",
                ItEnv.adapterJar().toString(),
                "--host",
                "127.0.0.1",
                "--port",
                "0"));
        command.addAll(builder.flags);
        this.process = ManagedProcess.start(name, command, builder.env, builder.logDir, builder.logDir);
    }

    /** A builder for an adapter that uses the dev server at {@code backend} and the namespace {@code namespace}. */
    static Builder builder(URI backend, String namespace, Path logDir) {
        return new Builder(backend, namespace, logDir);
    }

    /** {@code http://127.0.0.1:<port>/mcp}. */
    URI mcpUrl() {
        return mcpUrl;
    }

    /** The same endpoint named {@code localhost}, as the seed's curl commands and the conformance suite use it. */
    URI localhostMcpUrl() {
        return URI.create("http://localhost:" + port + "/mcp");
    }

    int port() {
        return port;
    }

    String namespace() {
        return namespace;
    }

    ManagedProcess process() {
        return process;
    }

    McpHttp mcp() {
        return new McpHttp(mcpUrl);
    }

    /** {@code GET /health}: the HTTP status and the body. */
    Health health() {
        HttpResponse<String> response = McpHttp.get(mcpUrl.resolve("/health"));
        return new Health(response.statusCode(), Json.parse(response.body()));
    }

    /** Waits until {@code /health} answers 200 (the Microsandbox server is reachable). */
    AdapterProcess awaitHealthy(Duration timeout) {
        Poll.until(name + " /health 200", timeout, () -> {
            requireAlive();
            return health().status() == 200;
        });
        return this;
    }

    /** SIGKILL ({@link Process#destroyForcibly()}): no shutdown hook, no cleanup. Returns the exit code (137). */
    int kill() {
        return process.kill();
    }

    /** SIGTERM ({@link Process#destroy()}) and the exit code. */
    int terminate(Duration timeout) {
        return process.terminate(timeout);
    }

    @Override
    public String describe() {
        return process.describe() + " at " + mcpUrl + " (namespace " + namespace + ")";
    }

    @Override
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
    }

    /** What {@code GET /health} answered. */
    record Health(int status, JsonNode body) {}

    private AdapterProcess awaitStarted() {
        try {
            Matcher matcher = Poll.value(name + "'s startup line", START_TIMEOUT, () -> {
                requireAlive();
                Matcher m = STARTUP_LINE.matcher(process.stdout());
                return m.find() ? Optional.of(m) : Optional.empty();
            });
            mcpUrl = URI.create(matcher.group(1));
            port = Integer.parseInt(matcher.group(2));
            Poll.until(name + " /health answering", START_TIMEOUT, () -> {
                requireAlive();
                try {
                    health();
                    return true;
                } catch (RuntimeException e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            String tail = process.logTail(60);
            process.close();
            throw new AssertionError("Adapter did not come up: " + e.getMessage() + "\n" + tail, e);
        }
        return this;
    }

    private void requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError(describe() + " exited");
        }
    }

    /** Environment and flags of one adapter process. */
    static final class Builder {
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> flags = new ArrayList<>();
        private final Path logDir;
        private String name = "adapter";

        private Builder(URI backend, String namespace, Path logDir) {
            this.logDir = logDir;
            env.put("MSB_SERVER_URL", backend.toString());
            env.put("MSB_NAMESPACE", namespace);
        }

        /** The log file names ({@code <name>.out}, {@code .err}); default {@code adapter}. */
        Builder name(String name) {
            this.name = name;
            return this;
        }

        Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        Builder flag(String flag) {
            flags.add(flag);
            return this;
        }

        /** Starts the process and waits for its startup line and for {@code /health} to answer (200 or 503). */
        AdapterProcess start() {
            return new AdapterProcess(this).awaitStarted();
        }
    }
}

package io.msbmcp.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packaged dev server ({@code msb-dev-server.jar}) as a real process on its own loopback port and data
 * directory, so that it can be killed and started again on the same port with the same sandboxes on disk.
 */
final class DevServerProcess implements ItProcess {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final Path dataDir;
    private final Path logDir;
    private final int generation;
    private final Map<String, String> env;
    private final List<String> extraArgs;
    private final ManagedProcess process;

    private DevServerProcess(
            int port, Path dataDir, Path logDir, int generation, Map<String, String> env, List<String> extraArgs) {
        this.port = port;
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.generation = generation;
        this.env = Map.copyOf(env);
        this.extraArgs = List.copyOf(extraArgs);
        List<String> command = new ArrayList<>(List.of(
                ItEnv.java(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-jar",
                ItEnv.devServerJar().toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString()));
        command.addAll(extraArgs);
        this.process = ManagedProcess.start("dev-server-" + generation, command, env, dataDir, logDir);
    }

    /** Starts a dev server on a free loopback port with a new data directory and waits until it is healthy. */
    static DevServerProcess start(Path logDir) {
        return start(logDir, Map.of(), List.of());
    }

    /** Like {@link #start(Path)}, with more environment variables and command-line arguments. */
    static DevServerProcess start(Path logDir, Map<String, String> env, List<String> extraArgs) {
        Path dataDir = ItEnv.createDirectories(logDir.resolve("dev-server-data"));
        return new DevServerProcess(FreePorts.loopback(), dataDir, logDir, 1, env, extraArgs).awaitHealthy();
    }

    /** A new dev server process on the same port and data directory as this one (which must have ended). */
    DevServerProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(describe() + " still runs");
        }
        return new DevServerProcess(port, dataDir, logDir, generation + 1, env, extraArgs).awaitHealthy();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    ManagedProcess process() {
        return process;
    }

    /** Calls {@code method} on {@code /api/v1/rpc} directly and returns the whole JSON-RPC answer. */
    JsonNode rpc(String method, JsonNode params) {
        ObjectNode body = Json.object();
        body.put("jsonrpc", "2.0");
        body.put("method", method);
        body.set("params", params);
        body.put("id", 1);
        HttpResponse<String> response = McpHttp.postJson(baseUrl().resolve("/api/v1/rpc"), Json.write(body));
        JsonNode json = Json.parse(response.body());
        if (response.statusCode() != 200 || !json.has("result")) {
            throw new AssertionError(
                    method + " " + params + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return json;
    }

    /** {@code sandbox.metrics.get} of {@code namespace}: every sandbox ever configured there, with {@code running}. */
    List<JsonNode> sandboxes(String namespace) {
        JsonNode result = rpc("sandbox.metrics.get", Json.object().put("namespace", namespace));
        List<JsonNode> sandboxes = new ArrayList<>();
        result.path("result").path("sandboxes").forEach(sandboxes::add);
        return sandboxes;
    }

    /** The names of the sandboxes of {@code namespace} that run now. */
    Set<String> running(String namespace) {
        Set<String> names = new TreeSet<>();
        for (JsonNode sandbox : sandboxes(namespace)) {
            if (sandbox.path("running").asBoolean()) {
                names.add(sandbox.path("name").asText());
            }
        }
        return names;
    }

    /** Starts a sandbox directly ({@code sandbox.start} with a Python image), bypassing msb-mcp. */
    void startSandbox(String namespace, String name) {
        ObjectNode params = Json.object().put("namespace", namespace).put("sandbox", name);
        params.putObject("config").put("image", "microsandbox/python").put("memory", 512);
        rpc("sandbox.start", params);
    }

    /** Stops a sandbox directly ({@code sandbox.stop}). */
    void stopSandbox(String namespace, String name) {
        rpc("sandbox.stop", Json.object().put("namespace", namespace).put("sandbox", name));
    }

    /** SIGKILL: the server and, through bubblewrap's die-with-parent, every sandbox process it ran. */
    int kill() {
        return process.kill();
    }

    @Override
    public String describe() {
        return process.describe() + " on " + baseUrl();
    }

    @Override
    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
    }

    private DevServerProcess awaitHealthy() {
        try {
            Poll.until("the dev server's /api/v1/health on " + baseUrl(), START_TIMEOUT, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError(describe() + " exited");
                }
                return healthStatus().orElse(-1) == 200;
            });
        } catch (AssertionError | RuntimeException e) {
            String tail = process.logTail(60);
            process.close();
            throw new AssertionError("Dev server did not come up: " + e.getMessage() + "\n" + tail, e);
        }
        return this;
    }

    private Optional<Integer> healthStatus() {
        try {
            return Optional.of(McpHttp.get(baseUrl().resolve("/api/v1/health")).statusCode());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

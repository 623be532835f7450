package io.msbmcp.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a Node client really sent, recorded by {@code clients/fetch-recorder.cjs} (preloaded with {@code
 * NODE_OPTIONS}): one JSON line per request with its JSON-RPC method, HTTP status and the protocol headers. Shows the
 * era a client ended up in without trusting what it prints.
 */
record FetchLog(Path file) {
    /** A log file in {@code dir} named after {@code name}. */
    static FetchLog in(Path dir, String name) {
        Path file = dir.resolve(name + ".fetches.jsonl");
        ItEnv.deleteRecursively(file);
        return new FetchLog(file);
    }

    /** The environment that makes a Node client record into this log. */
    Map<String, String> env() {
        Path recorder = NodeClients.dir().resolve("fetch-recorder.cjs");
        return Map.of("NODE_OPTIONS", "--require " + recorder, "IT_FETCH_LOG", file.toString());
    }

    /** Every recorded request, in order. */
    List<JsonNode> requests() {
        try {
            return Files.exists(file)
                    ? Files.readAllLines(file).stream().map(Json::parse).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded requests of JSON-RPC method {@code method}. */
    List<JsonNode> requests(String method) {
        return requests().stream()
                .filter(r -> method.equals(r.path("method").asText()))
                .toList();
    }

    @Override
    public String toString() {
        return file + ":\n"
                + String.join("\n", requests().stream().map(JsonNode::toString).toList());
    }
}

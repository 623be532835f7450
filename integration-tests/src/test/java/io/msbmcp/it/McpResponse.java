package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON-RPC answer from {@code /mcp}: the HTTP status, the content type and the parsed body, with accessors that
 * fail with the whole body in the message when the answer has another shape than the test expects.
 */
record McpResponse(int status, String contentType, String raw, JsonNode body) {

    /** {@code result}; fails when the answer is an error. */
    JsonNode result() {
        assertThat(body.has("result"))
                .as("expected a JSON-RPC result (HTTP %d): %s", status, raw)
                .isTrue();
        return body.get("result");
    }

    /** {@code error}; fails when the answer is a result. */
    JsonNode error() {
        assertThat(body.has("error"))
                .as("expected a JSON-RPC error (HTTP %d): %s", status, raw)
                .isTrue();
        return body.get("error");
    }

    /** {@code result.structuredContent} of a tool call. */
    JsonNode structured() {
        JsonNode structured = result().get("structuredContent");
        assertThat(structured).as("structuredContent in %s", raw).isNotNull();
        return structured;
    }

    /** {@code result.isError} of a tool call (false when absent). */
    boolean isError() {
        return result().path("isError").asBoolean(false);
    }

    /** The text items of {@code result.content}, joined with newlines. */
    String text() {
        List<String> texts = new ArrayList<>();
        result().path("content").forEach(c -> texts.add(c.path("text").asText()));
        return String.join("\n", texts);
    }

    /** {@code error.data.error_code}. */
    String errorCode() {
        return error().path("data").path("error_code").asText();
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + contentType + " " + raw;
    }
}

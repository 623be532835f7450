package io.msbmcp.adapter.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
final class McpJsonTest {
    private final McpJson json = McpJson.create();

    private JsonNode write(Object value) throws Exception {
        return json.objectMapper().readTree(json.mcpJsonMapper().writeValueAsString(value));
    }

    @Test
    void callToolResult_withSessionInStructuredContent_repeatsItAtTheTop() throws Exception {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("session_id", "abc");
        content.put("session_created", true);
        content.put("stdout", "x");
        CallToolResult result = CallToolResult.builder()
                .addTextContent("x")
                .structuredContent(content)
                .isError(false)
                .build();

        JsonNode node = write(McpSchema.JSONRPCResponse.result(7, result));

        JsonNode written = node.get("result");
        assertThat(written.get("session_id").asText()).isEqualTo("abc");
        assertThat(written.get("session_created").asBoolean()).isTrue();
        assertThat(written.get("structuredContent").get("session_id").asText()).isEqualTo("abc");
        assertThat(written.get("content").get(0).get("text").asText()).isEqualTo("x");
        assertThat(written.get("isError").asBoolean()).isFalse();
    }

    @Test
    void callToolResult_withoutSession_isWrittenAsTheSdkDoes() throws Exception {
        CallToolResult result = CallToolResult.builder()
                .addTextContent("x")
                .structuredContent(Map.of("sessions", java.util.List.of()))
                .build();

        JsonNode node = write(result);

        assertThat(node.has("session_id")).isFalse();
        assertThat(node.fieldNames()).toIterable().contains("content", "structuredContent");
    }

    @Test
    void callToolResult_roundTrips() throws Exception {
        CallToolResult result = CallToolResult.builder()
                .addTextContent("x")
                .structuredContent(Map.of("session_id", "s", "session_created", false))
                .build();

        CallToolResult back =
                json.mcpJsonMapper().readValue(json.mcpJsonMapper().writeValueAsString(result), CallToolResult.class);

        assertThat(back.structuredContent()).isEqualTo(Map.of("session_id", "s", "session_created", false));
    }
}

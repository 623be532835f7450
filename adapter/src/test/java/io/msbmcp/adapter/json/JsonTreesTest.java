package io.msbmcp.adapter.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-built trees equal what the mapper gives, for every shape a tool result or an argument object takes. */
@Timeout(10)
final class JsonTreesTest {
    private final ObjectMapper mapper = McpJson.create().objectMapper();

    private void assertSameAsMapper(CallToolResult result) throws Exception {
        JsonNode expected = mapper.valueToTree(result);
        JsonNode actual = JsonTrees.toolResult(result, mapper);
        assertThat(actual).isEqualTo(expected);
        assertThat(mapper.writeValueAsString(actual)).isEqualTo(mapper.writeValueAsString(expected));
    }

    @Test
    void toolResult_textAndStructuredContent_equalsTheMappersTree() throws Exception {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("volume_mappings", List.of());
        structured.put("count", 3);
        structured.put("big", 12345678901L);
        structured.put("ratio", 0.25);
        structured.put("none", null);
        structured.put("flags", Arrays.asList(true, false, null));
        structured.put("nested", Map.of("k", List.of(Map.of("a", "b"))));
        assertSameAsMapper(CallToolResult.builder()
                .addTextContent("hello")
                .structuredContent(structured)
                .isError(false)
                .build());
    }

    @Test
    void toolResult_sessionFields_areRepeatedAtTheTopAsTheSerializerDoes() throws Exception {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", "abc");
        structured.put("session_created", true);
        structured.put("stdout", "42");
        CallToolResult result = CallToolResult.builder()
                .addTextContent("42")
                .structuredContent(structured)
                .isError(false)
                .build();

        assertSameAsMapper(result);
        assertThat(JsonTrees.toolResult(result, mapper).get("session_id").asText())
                .isEqualTo("abc");
    }

    @Test
    void toolResult_otherContentTypesAndMeta_goThroughTheMapper() throws Exception {
        assertSameAsMapper(CallToolResult.builder()
                .addTextContent("x")
                .addContent(new McpSchema.ImageContent(null, "aGk=", "image/png"))
                .addContent(new McpSchema.TextContent(
                        new McpSchema.Annotations(List.of(McpSchema.Role.USER), 0.5), "annotated"))
                .isError(true)
                .build());
        assertSameAsMapper(CallToolResult.builder()
                .addTextContent("x")
                .meta(Map.of("k", "v"))
                .build());
        assertSameAsMapper(
                CallToolResult.builder().addTextContent("no structured content").build());
    }

    @Test
    void toolResult_structuredValuesOfOtherTypes_goThroughTheMapper() throws Exception {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("decimal", new BigDecimal("1.50"));
        structured.put("record", new Point(1, 2));
        structured.put("array", new int[] {1, 2});
        assertSameAsMapper(CallToolResult.builder()
                .addTextContent("x")
                .structuredContent(structured)
                .build());
    }

    record Point(int x, int y) {}

    @Test
    void value_ofParsedArguments_equalsConvertValue() throws Exception {
        String json =
                "{\"code\":\"print(1)\",\"timeout\":30,\"big\":12345678901,\"huge\":123456789012345678901234567890,"
                        + "\"ratio\":0.5,\"flag\":true,\"none\":null,\"dependencies\":[\"a\",\"b\"],"
                        + "\"env\":{\"K\":\"V\",\"N\":{\"deep\":[1,[2.5]]}}}";
        JsonNode tree = mapper.readTree(json);

        Object converted = mapper.convertValue(tree, Object.class);
        Map<String, Object> map = JsonTrees.map(tree);

        assertThat(map).isEqualTo(converted);
        assertThat(map.get("timeout")).isInstanceOf(Integer.class);
        assertThat(map.get("big")).isInstanceOf(Long.class);
        assertThat(map.get("huge")).isInstanceOf(java.math.BigInteger.class);
        assertThat(map.get("ratio")).isInstanceOf(Double.class);
        assertThat(new ArrayList<>(map.keySet()))
                .containsExactlyElementsOf(((Map<?, ?>) converted)
                        .keySet().stream().map(String::valueOf).toList());
    }

    @Test
    void value_ofNullOrMissing_isNull() {
        assertThat(JsonTrees.value(null)).isNull();
        assertThat(JsonTrees.value(mapper.nullNode())).isNull();
        assertThat(JsonTrees.value(mapper.missingNode())).isNull();
    }
}

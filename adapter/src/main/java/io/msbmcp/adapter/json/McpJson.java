package io.msbmcp.adapter.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * The one Jackson 2 mapper of the MCP layer, used by the protocol engine for every JSON it writes, with one
 * customization: session fields at the top of execution results. (Errors are written by the engine as JSON-RPC
 * envelopes; no exception object is ever serialized.)
 */
public final class McpJson {
    private final ObjectMapper objectMapper;
    private final McpJsonMapper mcpJsonMapper;

    private McpJson(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
        this.mcpJsonMapper = new JacksonMcpJsonMapper(objectMapper);
    }

    /** A new mapper with the customizations. */
    public static McpJson create() {
        SimpleModule module = new SimpleModule("msb-mcp");
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonSerializer<?> modifySerializer(
                    SerializationConfig config, BeanDescription description, JsonSerializer<?> serializer) {
                if (description.getBeanClass() == CallToolResult.class) {
                    return new CallToolResultSerializer((JsonSerializer<Object>) serializer);
                }
                return serializer;
            }
        });
        // Jackson refuses strings over 20 M chars by default; an upload of MSB_MAX_FILE_BYTES is one base64 string of
        // up to 4/3 of that. MCP_MAX_REQUEST_BYTES bounds every body before it is parsed.
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
        return new McpJson(new ObjectMapper(factory).registerModule(module));
    }

    /** The Jackson mapper, for code that works with trees. */
    public ObjectMapper objectMapper() {
        return objectMapper;
    }

    /** The same mapper as the SDK's abstraction. */
    public McpJsonMapper mcpJsonMapper() {
        return mcpJsonMapper;
    }
}

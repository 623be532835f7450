package io.msbmcp.adapter.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.NameTransformer;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link CallToolResult} as the SDK does and, when its structured content names a sandbox session (the
 * execution tools), repeats {@code session_id} and {@code session_created} at the top of the result, as the seed's
 * examples show. Clients that do not know the two fields ignore them; {@code structuredContent} stays the source of
 * truth.
 */
final class CallToolResultSerializer extends StdSerializer<CallToolResult> implements ResolvableSerializer {
    private static final long serialVersionUID = 1L;

    static final String SESSION_ID = "session_id";
    static final String SESSION_CREATED = "session_created";

    private final JsonSerializer<Object> bean;
    private transient @Nullable JsonSerializer<Object> fields;

    CallToolResultSerializer(JsonSerializer<Object> bean) {
        super(CallToolResult.class);
        this.bean = bean;
    }

    @Override
    public void resolve(SerializerProvider provider) throws JsonMappingException {
        if (bean instanceof ResolvableSerializer resolvable) {
            resolvable.resolve(provider);
        }
        fields = bean.unwrappingSerializer(NameTransformer.NOP);
    }

    @Override
    public void serialize(CallToolResult value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        JsonSerializer<Object> unwrapping = fields;
        if (unwrapping == null) {
            bean.serialize(value, gen, provider);
            return;
        }
        gen.writeStartObject(value);
        unwrapping.serialize(value, gen, provider);
        if (value.structuredContent() instanceof Map<?, ?> content
                && content.get(SESSION_ID) instanceof String sessionId
                && content.get(SESSION_CREATED) instanceof Boolean created) {
            gen.writeStringField(SESSION_ID, sessionId);
            gen.writeBooleanField(SESSION_CREATED, created);
        }
        gen.writeEndObject();
    }
}

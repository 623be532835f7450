package io.msbmcp.adapter.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCResponse.JSONRPCError;
import java.io.IOException;

/**
 * Writes an {@link McpError} as a JSON-RPC error envelope, {@code {"jsonrpc":"2.0","id":…,"error":{code,message,
 * data?}}}. The SDK's servlet transports serialize the exception object itself for their HTTP-level errors, which
 * would otherwise leak {@code stackTrace}, {@code cause} and friends (java-sdk #955).
 */
final class McpErrorEnvelopeSerializer extends StdSerializer<McpError> {
    private static final long serialVersionUID = 1L;

    McpErrorEnvelopeSerializer() {
        super(McpError.class);
    }

    @Override
    public void serialize(McpError value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        JSONRPCError error = value.getJsonRpcError();
        gen.writeStartObject();
        gen.writeStringField("jsonrpc", "2.0");
        gen.writeFieldName("id");
        provider.defaultSerializeValue(CurrentRequestId.get(), gen);
        gen.writeObjectFieldStart("error");
        if (error == null) {
            gen.writeNumberField("code", -32603);
            gen.writeStringField("message", "Internal error");
        } else {
            gen.writeNumberField("code", error.code());
            gen.writeStringField("message", error.message() == null ? "Internal error" : error.message());
            if (error.data() != null) {
                gen.writeFieldName("data");
                provider.defaultSerializeValue(error.data(), gen);
            }
        }
        gen.writeEndObject();
        gen.writeEndObject();
    }
}

package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.adapter.prompt.PromptProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code prompts/get} and {@code completion/complete} over a {@link PromptProvider}. */
final class PromptMethods {
    private PromptMethods() {}

    static ObjectNode get(PromptProvider prompts, McpDispatcher.Call call, ObjectMapper mapper) {
        JsonRpcMessage message = call.message();
        String name = message.paramString("name");
        if (name == null) {
            throw McpDispatcher.invalidParams(message, "prompts/get needs \"params.name\", a string");
        }
        JsonNode arguments = message.params() == null ? null : message.params().get("arguments");
        Map<String, String> values = new LinkedHashMap<>();
        if (arguments != null && !arguments.isNull()) {
            if (!arguments.isObject()) {
                throw McpDispatcher.invalidParams(message, "\"params.arguments\" of prompts/get must be an object");
            }
            arguments
                    .fields()
                    .forEachRemaining(
                            field -> values.put(field.getKey(), field.getValue().asText()));
        }
        return mapper.valueToTree(McpDispatcher.guarded(() -> prompts.get(name, values, call.context())));
    }

    static ObjectNode complete(PromptProvider prompts, McpDispatcher.Call call, ObjectMapper mapper) {
        JsonRpcMessage message = call.message();
        JsonNode params = message.params();
        JsonNode ref = params == null ? null : params.get("ref");
        JsonNode argument = params == null ? null : params.get("argument");
        if (ref == null || !ref.isObject() || argument == null || !argument.isObject()) {
            throw McpDispatcher.invalidParams(
                    message,
                    "completion/complete needs \"params.ref\" ({\"type\": \"ref/prompt\", \"name\"} or"
                            + " {\"type\": \"ref/resource\", \"uri\"}) and \"params.argument\" ({\"name\", \"value\"})");
        }
        String refName = ref.hasNonNull("name")
                ? ref.get("name").asText()
                : ref.path("uri").asText();
        List<String> values = McpDispatcher.guarded(() -> prompts.complete(
                ref.path("type").asText(),
                refName,
                argument.path("name").asText(),
                argument.path("value").asText()));
        ObjectNode result = mapper.createObjectNode();
        ObjectNode completion = result.putObject("completion");
        completion.set("values", mapper.valueToTree(values.size() > 100 ? values.subList(0, 100) : values));
        completion.put("total", values.size());
        completion.put("hasMore", values.size() > 100);
        return result;
    }
}

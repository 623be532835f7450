package io.msbmcp.adapter.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.List;

/** Assertions on JSON-RPC answers of tools/call. */
public final class RpcAssertions {
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());

    private RpcAssertions() {}

    /** Asserts a JSON-RPC error with {@code code} and our data shape with {@code errorCode}; returns the error. */
    public static JsonNode assertError(JsonNode response, int code, String errorCode) {
        assertThat(response.has("result")).as("result in %s", response).isFalse();
        JsonNode error = response.get("error");
        assertThat(error).as("error in %s", response).isNotNull();
        assertThat(error.get("code").asInt()).as("code of %s", error).isEqualTo(code);
        JsonNode data = error.get("data");
        assertThat(data.fieldNames())
                .toIterable()
                .containsExactly("error_code", "category", "severity", "recovery_suggestions", "context");
        assertThat(data.get("error_code").asText()).isEqualTo(errorCode);
        assertThat(data.get("recovery_suggestions")).isNotEmpty();
        assertThat(error.toString()).doesNotContain("stackTrace", "\tat ", "\\tat ");
        return error;
    }

    /** Asserts an invalid-arguments error whose message and context name {@code field}; returns the error. */
    public static JsonNode assertInvalidArgument(JsonNode response, String field) {
        JsonNode error = assertError(response, -32602, "INVALID_ARGUMENT");
        assertThat(error.get("message").asText()).contains("'" + field + "'");
        assertThat(error.get("data").get("context").get("field").asText()).isEqualTo(field);
        return error;
    }

    /** The result of a successful tools/call (which may still be {@code isError}). */
    public static JsonNode result(JsonNode response) {
        assertThat(response.has("error")).as("error in %s", response).isFalse();
        return response.get("result");
    }

    /** Asserts that {@code content} conforms to {@code schema} (JSON Schema 2020-12). */
    public static void assertConforms(JsonNode schema, JsonNode content) {
        List<Error> errors = SCHEMAS.getSchema(schema).validate(content);
        assertThat(errors).as("schema violations of %s", content).isEmpty();
    }
}

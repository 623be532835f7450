package io.msbmcp.adapter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/tools.md against the tools the server really serves ({@code tools/list} of an in-process server with default
 * configuration), both ways: every tool, and every input and output schema field with its type, default, enum values,
 * bounds and pattern.
 */
@Timeout(30)
final class ToolsDocTest {
    private static TestServer server;
    private static Map<String, JsonNode> served;
    private static Markdown doc;

    @BeforeAll
    static void listTools() {
        server = TestServer.start(TestServer.deadUrl(), b -> b, w -> w);
        Http http = server.http();
        JsonNode tools = http.post("/mcp", http.request("tools/list", Map.of()), "Content-Type", "application/json")
                .json()
                .get("result")
                .get("tools");
        served = new LinkedHashMap<>();
        tools.forEach(tool -> served.put(tool.get("name").asText(), tool));
        doc = Markdown.read("docs/tools.md");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The tools with a section of their own: an H2 heading that is just the tool's name in a code span. */
    private static Set<String> documentedTools() {
        Set<String> tools = new TreeSet<>();
        for (String heading : doc.headings()) {
            if (heading.matches("^`[a-z_]+`$")) {
                tools.add(heading.substring(1, heading.length() - 1));
            }
        }
        return tools;
    }

    /** The rows of the tool's "Input" or "Output" table, by field path. */
    private static Map<String, Markdown.Row> documentedFields(String tool, String part) {
        Map<String, Markdown.Row> fields = new LinkedHashMap<>();
        for (Markdown.Table table : doc.tables()) {
            if (table.h2().equals("`" + tool + "`") && table.h3().equals(part)) {
                assertThat(table.header().get(0)).isEqualTo("field");
                for (Markdown.Row row : table.rows()) {
                    fields.put(Markdown.firstCodeSpan(row.cell(0)), row);
                }
            }
        }
        return fields;
    }

    /** Every property of a schema by path: {@code name}, {@code list[].name}, {@code map.name}. */
    private static Map<String, JsonNode> schemaFields(JsonNode schema) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        flatten("", schema, fields);
        return fields;
    }

    private static void flatten(String prefix, JsonNode schema, Map<String, JsonNode> out) {
        JsonNode properties = schema.path("properties");
        properties.fieldNames().forEachRemaining(name -> {
            JsonNode property = properties.get(name);
            out.put(prefix + name, property);
            if (property.path("items").has("properties")) {
                flatten(prefix + name + "[].", property.get("items"), out);
            } else if (property.has("properties")) {
                flatten(prefix + name + ".", property, out);
            }
        });
    }

    /** The type as the doc writes it: {@code string}, {@code integer or null}, {@code array of object}. */
    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asText()));
            return String.join(" or ", types);
        }
        if (type.asText().equals("array")) {
            return "array of " + typeOf(schema.get("items"));
        }
        return type.asText();
    }

    @Test
    void everyServedTool_hasASection_andViceVersa() {
        assertThat(served).hasSize(8);

        assertThat(documentedTools()).containsExactlyInAnyOrderElementsOf(served.keySet());
    }

    @Test
    void everyInputField_isDocumented_andViceVersa() {
        for (String tool : served.keySet()) {
            Map<String, JsonNode> schema = schemaFields(served.get(tool).get("inputSchema"));

            assertThat(documentedFields(tool, "Input").keySet())
                    .as("input fields of %s", tool)
                    .containsExactlyInAnyOrderElementsOf(schema.keySet());
        }
    }

    @Test
    void everyOutputField_isDocumented_andViceVersa() {
        for (String tool : served.keySet()) {
            assertThat(served.get(tool).has("outputSchema"))
                    .as("%s has an output schema", tool)
                    .isTrue();
            Map<String, JsonNode> schema = schemaFields(served.get(tool).get("outputSchema"));

            assertThat(documentedFields(tool, "Output").keySet())
                    .as("output fields of %s", tool)
                    .containsExactlyInAnyOrderElementsOf(schema.keySet());
        }
    }

    @Test
    void inputRows_showTheSchemasTypeDefaultValuesBoundsAndPattern() {
        for (String tool : served.keySet()) {
            JsonNode inputSchema = served.get(tool).get("inputSchema");
            Set<String> required = new TreeSet<>();
            inputSchema.path("required").forEach(r -> required.add(r.asText()));
            Map<String, JsonNode> schema = schemaFields(inputSchema);
            for (Map.Entry<String, Markdown.Row> entry :
                    documentedFields(tool, "Input").entrySet()) {
                String field = tool + "." + entry.getKey();
                JsonNode property = schema.get(entry.getKey());
                Markdown.Row row = entry.getValue();
                List<String> rangeSpans = Markdown.codeSpans(row.cell(3));

                assertThat(row.cell(1)).as("type of %s", field).isEqualTo(typeOf(property));
                if (required.contains(entry.getKey())) {
                    assertThat(row.cell(2)).as("default of %s", field).isEqualTo("required");
                } else if (property.has("default")) {
                    assertThat(Markdown.firstCodeSpan(row.cell(2)))
                            .as("default of %s", field)
                            .isEqualTo(property.get("default").asText());
                } else {
                    assertThat(row.cell(2))
                            .as("default of %s", field)
                            .doesNotContain("`")
                            .isNotEqualTo("required");
                }
                property.path("enum")
                        .forEach(value ->
                                assertThat(rangeSpans).as("values of %s", field).contains(value.asText()));
                if (property.has("minimum") && property.has("maximum")) {
                    assertThat(row.cell(3))
                            .as("range of %s", field)
                            .startsWith(property.get("minimum").asText() + "–"
                                    + property.get("maximum").asText());
                }
                if (property.has("pattern")) {
                    assertThat(rangeSpans)
                            .as("pattern of %s", field)
                            .contains(property.get("pattern").asText());
                }
                JsonNode names = property.path("propertyNames").path("pattern");
                if (!names.isMissingNode()) {
                    assertThat(rangeSpans).as("name pattern of %s", field).contains(names.asText());
                }
            }
        }
    }

    @Test
    void outputRows_showTheSchemasTypeAndValues() {
        for (String tool : served.keySet()) {
            Map<String, JsonNode> schema = schemaFields(served.get(tool).get("outputSchema"));
            for (Map.Entry<String, Markdown.Row> entry :
                    documentedFields(tool, "Output").entrySet()) {
                String field = tool + "." + entry.getKey();
                JsonNode property = schema.get(entry.getKey());
                Markdown.Row row = entry.getValue();

                assertThat(row.cell(1)).as("type of %s", field).isEqualTo(typeOf(property));
                property.path("enum")
                        .forEach(value -> assertThat(Markdown.codeSpans(row.cell(2)))
                                .as("values of %s", field)
                                .contains(value.asText()));
            }
        }
    }
}

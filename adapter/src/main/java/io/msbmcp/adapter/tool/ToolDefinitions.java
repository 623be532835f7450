package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.Map;

/** Builds every tool's definition and results the same way: schemas, annotations, text plus structured content. */
final class ToolDefinitions {
    private ToolDefinitions() {}

    /**
     * The behaviour hints of a tool's annotations.
     *
     * @param readOnly the tool changes nothing
     * @param destructive the tool may destroy state (code and commands can delete files; stopping a session drops it)
     * @param idempotent calling again with the same arguments has no further effect
     * @param openWorld the tool reaches beyond this server's own state (sandboxes run arbitrary code)
     */
    record Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {}

    /** A tool definition; the title is also the annotations' title. */
    static Tool define(
            String name, String title, String description, String inputSchema, String outputSchema, Hints hints) {
        return Tool.builder(name, JsonSchemas.parse(inputSchema))
                .title(title)
                .description(description)
                .outputSchema(JsonSchemas.parse(outputSchema))
                .annotations(ToolAnnotations.builder()
                        .title(title)
                        .readOnlyHint(hints.readOnly())
                        .destructiveHint(hints.destructive())
                        .idempotentHint(hints.idempotent())
                        .openWorldHint(hints.openWorld())
                        .build())
                .build();
    }

    /** A result with the text block first, then {@code more} blocks (files of a run), and structured content. */
    static CallToolResult result(
            String text, Map<String, ?> structured, boolean isError, java.util.List<McpSchema.Content> more) {
        CallToolResult.Builder builder = CallToolResult.builder().addTextContent(text);
        more.forEach(builder::addContent);
        return builder.structuredContent(structured).isError(isError).build();
    }

    /** A result with the same data as text (for clients that show only text) and as structured content. */
    static CallToolResult result(String text, Map<String, ?> structured, boolean isError) {
        return CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(structured)
                .isError(isError)
                .build();
    }
}

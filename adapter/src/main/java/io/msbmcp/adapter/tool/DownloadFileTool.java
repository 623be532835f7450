package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.files.DownloadFileRequest;
import io.msbmcp.wrapper.files.DownloadedFile;
import io.msbmcp.wrapper.files.FileOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code download_file}: returns one file of a session: a text block for text (SVG included), an image block for
 * PNG/JPEG/GIF/WebP, an embedded resource blob otherwise; a short text block always comes first.
 */
public final class DownloadFileTool implements McpTool {
    public static final String NAME = "download_file";

    private static final String OUTPUT_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "session_id": {"type": "string"},
                "path": {"type": "string", "description": "The absolute path of the file in the sandbox."},
                "size": {"type": "integer", "minimum": 0, "description": "The file's full size in bytes."},
                "sha256": {"type": "string", "description": "SHA-256 (hex) of the bytes returned."},
                "mime_type": {"type": "string"},
                "truncated": {"type": "boolean", "description": "True when only the first max_bytes were returned."}
              },
              "required": ["session_id", "path", "size", "sha256", "mime_type", "truncated"]
            }""";

    private final MicrosandboxWrapper wrapper;
    private final Tool definition;

    public DownloadFileTool(MicrosandboxWrapper wrapper) {
        this.wrapper = wrapper;
        long max = wrapper.config().maxFileBytes();
        String inputSchema =
                """
                {
                  "type": "object",
                  "properties": {
                    "path": {
                      "type": "string", "minLength": 1, "maxLength": 4096,
                      "description": "The file to read. Relative paths start in the session's working directory."
                    },
                    "session_id": %s,
                    "max_bytes": {
                      "type": "integer", "minimum": 1, "maximum": %d,
                      "description": "Return at most this many bytes (the head of the file; truncated: true when cut). Without it a file larger than %d bytes (MSB_MAX_FILE_BYTES) is refused."
                    }
                  },
                  "required": ["path", "session_id"],
                  "additionalProperties": false
                }""".formatted(SessionArguments.sessionIdSchema("The session whose sandbox holds the file."), max, max);
        this.definition = ToolDefinitions.define(
                NAME,
                "Download file",
                "Read one file from a session's sandbox: text files come back as text, PNG/JPEG/GIF/WebP pictures as"
                        + " images, other files as an embedded base64 resource. A missing file or a directory is an"
                        + " error result that says so (list_files shows what exists).",
                inputSchema,
                OUTPUT_SCHEMA,
                new ToolDefinitions.Hints(true, false, true, false));
    }

    @Override
    public Tool definition() {
        return definition;
    }

    @Override
    public CallToolResult call(ToolArguments arguments, CallContext call) {
        DownloadFileRequest request = new DownloadFileRequest(
                arguments.string("path", ""),
                arguments.string(SessionArguments.SESSION_ID, ""),
                arguments.integer("max_bytes"));
        FileOutcome<DownloadedFile> outcome = wrapper.downloadFile(request, call);
        DownloadedFile file = outcome.value();
        if (file == null) {
            return FileResults.refused(Objects.requireNonNull(outcome.problem()), outcome.sessionId(), false);
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", outcome.sessionId());
        structured.put("path", file.path());
        structured.put("size", file.size());
        structured.put("sha256", file.sha256());
        structured.put("mime_type", file.mimeType());
        structured.put("truncated", file.truncated());
        String summary = file.path() + " (" + FileResults.size(file.size()) + ", " + file.mimeType() + ", sha256 "
                + file.sha256() + ")"
                + (file.truncated() ? "\n[truncated: the first " + file.content().length + " bytes are shown]" : "")
                + "\n[session: " + outcome.sessionId() + "]";
        return FileContents.withText(summary)
                .addContent(FileContents.of(outcome.sessionId(), file.path(), file.mimeType(), file.content()))
                .structuredContent(structured)
                .isError(false)
                .build();
    }
}

package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.errors.ResourceLimitException;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.files.FileOutcome;
import io.msbmcp.wrapper.files.UploadFileRequest;
import io.msbmcp.wrapper.files.UploadedFile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code upload_file}: writes one file into a session's sandbox (atomically, in chunks). */
public final class UploadFileTool implements McpTool {
    public static final String NAME = "upload_file";

    private static final String OUTPUT_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "session_id": {"type": "string", "description": "The session the file was written to; pass it to later calls."},
                "session_created": {"type": "boolean", "description": "True when this call created the session."},
                "path": {"type": "string", "description": "The absolute path of the file in the sandbox."},
                "size": {"type": "integer", "minimum": 0},
                "sha256": {"type": "string", "description": "SHA-256 of the content (hex), verified inside the sandbox."}
              },
              "required": ["session_id", "session_created", "path", "size", "sha256"]
            }""";

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("[ \\t\\r\\n]");

    private final MicrosandboxWrapper wrapper;
    private final Tool definition;

    public UploadFileTool(MicrosandboxWrapper wrapper) {
        this.wrapper = wrapper;
        long max = wrapper.config().maxFileBytes();
        String inputSchema = """
                {
                  "type": "object",
                  "properties": {
                    "path": {
                      "type": "string", "minLength": 1, "maxLength": 4096,
                      "description": "Where to write the file. Relative paths start in the session's working directory; missing folders are created."
                    },
                    "content_base64": {
                      "type": "string",
                      "description": "The content as base64 (for binary files). Give this or text."
                    },
                    "text": {
                      "type": "string",
                      "description": "The content as text, written as UTF-8. Give this or content_base64."
                    },
                    %s,
                    "mode": {
                      "type": "string", "pattern": "^0?[0-7]{3}$",
                      "description": "Octal permissions, e.g. \\"0755\\" for a script. Default: the sandbox's (0644)."
                    },
                    "overwrite": {
                      "type": "boolean", "default": true,
                      "description": "Replace an existing file (default true). With false, an existing file makes the call fail."
                    }
                  },
                  "required": ["path"],
                  "additionalProperties": false
                }""".formatted(SessionArguments.sessionProperties(
                wrapper.config(),
                "Session to write into. Leave out to start a new session; pass the session_id of an earlier"
                        + " result to use its sandbox. An unknown or expired id starts a new session under"
                        + " that id (session_created: true)."));
        this.definition = ToolDefinitions.define(
                NAME,
                "Upload file",
                "Write one file (text or base64 bytes) into a session's sandbox, e.g. a dataset for execute_code."
                        + " Folders are created; the write is atomic. At most " + max
                        + " bytes (MSB_MAX_FILE_BYTES). Returns the absolute path, size and SHA-256.",
                inputSchema,
                OUTPUT_SCHEMA,
                new ToolDefinitions.Hints(false, true, true, false));
    }

    @Override
    public Tool definition() {
        return definition;
    }

    @Override
    public CallToolResult call(ToolArguments arguments, CallContext call) {
        String base64 = arguments.string("content_base64");
        String text = arguments.string("text");
        if ((base64 == null) == (text == null)) {
            throw InvalidArgumentException.of(
                    "content_base64", "give exactly one of content_base64 (bytes as base64) and text");
        }
        byte[] content = base64 != null ? decode(base64) : text.getBytes(StandardCharsets.UTF_8);
        Boolean overwrite = arguments.bool("overwrite");
        UploadFileRequest request = new UploadFileRequest(
                arguments.string("path", ""),
                content,
                arguments.string(SessionArguments.SESSION_ID),
                SessionArguments.template(arguments),
                SessionArguments.flavor(arguments),
                arguments.string("mode"),
                overwrite == null || overwrite);
        FileOutcome<UploadedFile> outcome = wrapper.uploadFile(request, call);
        UploadedFile file = outcome.value();
        if (file == null) {
            return FileResults.refused(
                    java.util.Objects.requireNonNull(outcome.problem()), outcome.sessionId(), outcome.sessionCreated());
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", outcome.sessionId());
        structured.put("session_created", outcome.sessionCreated());
        structured.put("path", file.path());
        structured.put("size", file.size());
        structured.put("sha256", file.sha256());
        String summary = "Wrote " + file.path() + " (" + FileResults.size(file.size()) + ", sha256 " + file.sha256()
                + ")\n[session: " + outcome.sessionId() + (outcome.sessionCreated() ? " (created)" : "") + "]";
        return ToolDefinitions.result(summary, structured, false);
    }

    private byte[] decode(String base64) {
        String compact = WHITESPACE.matcher(base64).replaceAll("");
        long max = wrapper.config().maxFileBytes();
        long decodedAtLeast = compact.length() / 4L * 3 - 2;
        if (decodedAtLeast > max) {
            throw ResourceLimitException.fileTooLarge("upload", "content_base64", decodedAtLeast, max);
        }
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw InvalidArgumentException.of("content_base64", "is not valid base64 (" + e.getMessage() + ")");
        }
    }
}

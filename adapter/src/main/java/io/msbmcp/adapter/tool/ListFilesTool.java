package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.files.FileEntry;
import io.msbmcp.wrapper.files.FileListing;
import io.msbmcp.wrapper.files.FileOutcome;
import io.msbmcp.wrapper.files.ListFilesRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code list_files}: the entries of a directory (or one file) in a session's sandbox. */
public final class ListFilesTool implements McpTool {
    public static final String NAME = "list_files";

    private static final String OUTPUT_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "session_id": {"type": "string"},
                "path": {"type": "string", "description": "The absolute path listed."},
                "entries": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "path": {"type": "string"},
                      "type": {"type": "string", "enum": ["file", "directory", "symlink", "other"]},
                      "size": {"type": "integer", "minimum": 0},
                      "modified": {"type": "string", "format": "date-time"}
                    },
                    "required": ["path", "type", "size", "modified"]
                  }
                },
                "truncated": {"type": "boolean", "description": "True when there were more than max_entries entries."}
              },
              "required": ["session_id", "path", "entries", "truncated"]
            }""";

    private final MicrosandboxWrapper wrapper;
    private final Tool definition;

    public ListFilesTool(MicrosandboxWrapper wrapper) {
        this.wrapper = wrapper;
        String inputSchema = """
                {
                  "type": "object",
                  "properties": {
                    "path": {
                      "type": "string", "minLength": 1, "maxLength": 4096,
                      "description": "A directory (lists its entries) or a file (itself). Default: the session's working directory; relative paths start there."
                    },
                    "session_id": %s,
                    "recursive": {
                      "type": "boolean", "default": false,
                      "description": "Also list what subdirectories hold (up to %d levels)."
                    },
                    "max_entries": {
                      "type": "integer", "minimum": 1, "maximum": %d, "default": %d,
                      "description": "At most this many entries (sorted by path); truncated: true when there were more."
                    }
                  },
                  "required": ["session_id"],
                  "additionalProperties": false
                }""".formatted(
                        SessionArguments.sessionIdSchema("The session whose sandbox to look in."),
                        ListFilesRequest.MAX_DEPTH,
                        ListFilesRequest.MAX_ENTRIES,
                        ListFilesRequest.DEFAULT_ENTRIES);
        this.definition = ToolDefinitions.define(
                NAME,
                "List files",
                "List the files and folders in a session's sandbox (default: its working directory) with type, size"
                        + " and modification time.",
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
        Boolean recursive = arguments.bool("recursive");
        Long max = arguments.integer("max_entries");
        ListFilesRequest request = new ListFilesRequest(
                arguments.string("path"),
                arguments.string(SessionArguments.SESSION_ID, ""),
                recursive != null && recursive,
                max == null ? ListFilesRequest.DEFAULT_ENTRIES : Math.toIntExact(max));
        FileOutcome<FileListing> outcome = wrapper.listFiles(request, call);
        FileListing listing = outcome.value();
        if (listing == null) {
            return FileResults.refused(Objects.requireNonNull(outcome.problem()), outcome.sessionId(), false);
        }
        List<Map<String, Object>> entries = new ArrayList<>(listing.entries().size());
        StringBuilder text = new StringBuilder(listing.path())
                .append(": ")
                .append(listing.entries().size())
                .append(listing.entries().size() == 1 ? " entry" : " entries");
        for (FileEntry entry : listing.entries()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("path", entry.path());
            item.put("type", entry.type());
            item.put("size", entry.size());
            item.put("modified", entry.modified().toString());
            entries.add(item);
            text.append('\n')
                    .append(entry.type())
                    .append('\t')
                    .append(entry.size())
                    .append('\t')
                    .append(entry.modified())
                    .append('\t')
                    .append(entry.path());
        }
        if (listing.truncated()) {
            text.append("\n[truncated: more than ").append(request.maxEntries()).append(" entries]");
        }
        text.append("\n[session: ").append(outcome.sessionId()).append("]");
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", outcome.sessionId());
        structured.put("path", listing.path());
        structured.put("entries", entries);
        structured.put("truncated", listing.truncated());
        return ToolDefinitions.result(text.toString(), structured, false);
    }
}

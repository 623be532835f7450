package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.ResourceLink;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.msbmcp.adapter.resource.SessionFileUris;
import io.msbmcp.wrapper.files.ArtifactFile;
import io.msbmcp.wrapper.files.MimeTypes;
import io.msbmcp.wrapper.files.SandboxPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The content blocks of files: a file's bytes as text, image or embedded blob, and a run's files as links. */
final class FileContents {
    private FileContents() {}

    /** Text for text types (SVG included), an image block for PNG/JPEG/GIF/WebP, an embedded blob otherwise. */
    static Content of(String sessionId, String path, String mimeType, byte[] content) {
        if (MimeTypes.isInlineImage(mimeType)) {
            return new ImageContent(null, Base64.getEncoder().encodeToString(content), mimeType);
        }
        if (MimeTypes.isTextType(mimeType)) {
            return new TextContent(new String(content, StandardCharsets.UTF_8));
        }
        return new EmbeddedResource(
                null,
                new BlobResourceContents(
                        SessionFileUris.of(sessionId, path),
                        mimeType,
                        Base64.getEncoder().encodeToString(content)));
    }

    /** A {@code resource_link} per file, and an {@code image} block for each picture that came with its bytes. */
    static List<Content> artifacts(String sessionId, List<ArtifactFile> files) {
        List<Content> blocks = new ArrayList<>();
        for (ArtifactFile file : files) {
            blocks.add(ResourceLink.builder()
                    .uri(SessionFileUris.of(sessionId, file.path()))
                    .name(file.relativePath())
                    .title(SandboxPaths.name(file.path()))
                    .mimeType(file.mimeType())
                    .size(file.size())
                    .build());
        }
        for (ArtifactFile file : files) {
            byte[] image = file.image();
            if (image != null) {
                blocks.add(new ImageContent(null, Base64.getEncoder().encodeToString(image), file.mimeType()));
            }
        }
        return blocks;
    }

    /** {@code structuredContent.files}: path, uri, name, size, mime_type, modified, inline_image per file. */
    static List<Map<String, Object>> structured(String sessionId, List<ArtifactFile> files) {
        List<Map<String, Object>> items = new ArrayList<>(files.size());
        for (ArtifactFile file : files) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("path", file.path());
            item.put("name", file.relativePath());
            item.put("uri", SessionFileUris.of(sessionId, file.path()));
            item.put("size", file.size());
            item.put("mime_type", file.mimeType());
            item.put("modified", file.modified().toString());
            item.put("inline_image", file.image() != null);
            items.add(item);
        }
        return items;
    }

    /** The JSON Schema of {@code structuredContent.files}. */
    static final String FILES_SCHEMA = """
            "files": {
              "type": "array",
              "description": "Files the run created or changed under the working directory (empty when collect_files is false). Each is also a resource_link block; pictures up to MSB_MAX_INLINE_IMAGE_BYTES are also image blocks.",
              "items": {
                "type": "object",
                "properties": {
                  "path": {"type": "string"},
                  "name": {"type": "string", "description": "The path under the working directory."},
                  "uri": {"type": "string", "description": "Read it with resources/read, or download_file with path."},
                  "size": {"type": "integer", "minimum": 0},
                  "mime_type": {"type": "string"},
                  "modified": {"type": "string", "format": "date-time"},
                  "inline_image": {"type": "boolean"}
                },
                "required": ["path", "name", "uri", "size", "mime_type", "modified", "inline_image"]
              }
            }""";

    /** The JSON Schema of the {@code collect_files} argument. */
    static final String COLLECT_FILES_SCHEMA = """
            "collect_files": {
              "type": "boolean", "default": true,
              "description": "After the run, list the files it created or changed under the working directory as resource links (and pictures as images). Default true; false skips the scan."
            }""";

    /** A text block first, then the others. */
    static McpSchema.CallToolResult.Builder withText(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text);
    }
}

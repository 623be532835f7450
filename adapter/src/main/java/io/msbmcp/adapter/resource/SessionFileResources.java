package io.msbmcp.adapter.resource;

import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.files.DownloadFileRequest;
import io.msbmcp.wrapper.files.DownloadedFile;
import io.msbmcp.wrapper.files.FileOutcome;
import io.msbmcp.wrapper.files.FileProblem;
import io.msbmcp.wrapper.files.MimeTypes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Every file a session holds as a resource, {@code sandbox://sessions/{session_id}/files/{path}}: one template, no
 * concrete resources listed (a sandbox's files are found with list_files or come as the resource links of a run), and
 * reads that go through the same wrapper call as {@code download_file}: the same limit ({@code MSB_MAX_FILE_BYTES}),
 * the same session lookup (so the same ownership rules). Text files are read as text, everything else as a blob.
 *
 * <p>Errors: a URI of another shape, a missing file or a directory is an invalid {@code uri} (-32602, as SEP-2164
 * asks); an unknown session is SESSION_NOT_FOUND (also -32602); a file over the limit is RESOURCE_LIMIT_EXCEEDED.
 */
public final class SessionFileResources implements ResourceProvider {
    private static final ResourceTemplate TEMPLATE = ResourceTemplate.builder()
            .uriTemplate(SessionFileUris.TEMPLATE)
            .name("session-file")
            .title("File in a sandbox session")
            .description("A file in the sandbox of session {session_id}. {path} is the absolute path, percent-encoded"
                    + " (/ as %2F), or a path relative to the session's working directory. execute_code and"
                    + " execute_command return these URIs as resource_link blocks for the files a run creates.")
            .build();

    private final MicrosandboxWrapper wrapper;

    public SessionFileResources(MicrosandboxWrapper wrapper) {
        this.wrapper = wrapper;
    }

    @Override
    public List<Resource> resources(CallContext call) {
        return List.of();
    }

    @Override
    public List<ResourceTemplate> templates() {
        return List.of(TEMPLATE);
    }

    @Override
    public ReadResourceResult read(String uri, CallContext call) {
        SessionFileUris.Parsed parsed = SessionFileUris.parse(uri);
        if (!parsed.sessionId().matches("^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$")) {
            throw InvalidArgumentException.of("uri", "names no valid session id: '" + uri + "'");
        }
        FileOutcome<DownloadedFile> outcome;
        try {
            outcome =
                    wrapper.downloadFile(new DownloadFileRequest(parsed.path(), parsed.sessionId(), null), "uri", call);
        } catch (InvalidArgumentException e) {
            if (e.field().equals("uri")) {
                throw e;
            }
            throw InvalidArgumentException.of("uri", e.getMessage() + " (in '" + uri + "')");
        }
        DownloadedFile file = outcome.value();
        if (file == null) {
            FileProblem problem = java.util.Objects.requireNonNull(outcome.problem());
            throw InvalidArgumentException.of("uri", problem.message() + " (" + uri + "); " + problem.suggestion());
        }
        ResourceContents contents = MimeTypes.isTextType(file.mimeType())
                ? new TextResourceContents(uri, file.mimeType(), new String(file.content(), StandardCharsets.UTF_8))
                : new BlobResourceContents(
                        uri, file.mimeType(), Base64.getEncoder().encodeToString(file.content()));
        return new ReadResourceResult(List.of(contents));
    }
}

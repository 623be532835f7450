package io.msbmcp.wrapper.files;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.errors.ResourceLimitException;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.session.Session;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Upload, download and listing of files in a session's sandbox, over {@code sandbox.command.run}. The caller holds the
 * session's lock, so file calls and executions on one session are ordered.
 *
 * <p>Chunk sizes follow the backend's limits: one argument of {@code execve} may hold at most 128 KiB (Linux {@code
 * MAX_ARG_STRLEN}), all arguments together about 2 MiB ({@code ARG_MAX}), and the legacy server reads request bodies
 * up to 2 MiB (axum's default). An upload therefore sends base64 in arguments of {@value #UPLOAD_ARG_CHARS} characters,
 * {@value #UPLOAD_ARGS_PER_CALL} per call (1.5 MiB of base64, 1.125 MiB of file per call). A download reads {@value
 * #DOWNLOAD_CHUNK_BYTES} bytes per call (8 MiB of base64 on one output line, under the dev server's 16 MiB per-stream
 * cap).
 */
public final class SandboxFiles {
    static final int UPLOAD_ARG_CHARS = 96 * 1024;
    static final int UPLOAD_ARGS_PER_CALL = 16;
    static final int DOWNLOAD_CHUNK_BYTES = 6 * 1024 * 1024;
    static final int LIST_SECONDS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_TEMP_NAME_CHARS = 200;

    private final FileCommands commands;
    private final long maxFileBytes;
    private final Cache<String, String> workdirs =
            Caffeine.newBuilder().maximumSize(10_000).build();

    public SandboxFiles(MicrosandboxClient client, String namespace, Duration timeout, long maxFileBytes) {
        this.commands = new FileCommands(client, namespace, timeout);
        this.maxFileBytes = maxFileBytes;
    }

    /** The largest file moved in either direction ({@code MSB_MAX_FILE_BYTES}). */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** Refuses an upload larger than {@code MSB_MAX_FILE_BYTES} before anything is sent. */
    public void checkUploadSize(long size) {
        if (size > maxFileBytes) {
            throw ResourceLimitException.fileTooLarge("upload", "content", size, maxFileBytes);
        }
    }

    /** Resolves {@code raw} (from argument {@code field}) to an absolute path in the session's sandbox. */
    public String resolve(Session session, String raw, String field) {
        SandboxPaths.check(raw, field);
        return SandboxPaths.resolve(raw, field, SandboxPaths.isRelative(raw) ? workdir(session) : "/");
    }

    /** The sandbox's working directory (asked once per sandbox, then remembered). */
    public String workdir(Session session) {
        String known = workdirs.getIfPresent(session.sandboxName());
        if (known != null) {
            return known;
        }
        String pwd = decodeText(commands.run(session, FileScripts.PWD, List.of())
                .value("MSBPWD")
                .orElseThrow(() -> new IllegalStateException("the working directory query printed nothing")));
        remember(session, pwd);
        return pwd;
    }

    void remember(Session session, String workdir) {
        if (workdir.startsWith("/")) {
            workdirs.put(session.sandboxName(), workdir);
        }
    }

    /** Writes {@code request}'s content; the caller holds the session's lock. */
    public FileOutcome<UploadedFile> upload(Session session, boolean created, UploadFileRequest request) {
        checkUploadSize(request.content().length);
        String target = resolve(session, request.path(), "path");
        if (target.equals("/")) {
            throw InvalidArgumentException.of("path", "is the root directory; give a file path");
        }
        String dir = SandboxPaths.parent(target);
        String name = SandboxPaths.name(target);
        String tmpName = "." + (name.length() > MAX_TEMP_NAME_CHARS ? name.substring(0, MAX_TEMP_NAME_CHARS) : name)
                + ".msb-upload-" + randomHex();
        String tmp = (dir.equals("/") ? "" : dir) + "/" + tmpName;
        String sha256 = sha256(request.content());
        List<List<String>> calls = chunk(Base64.getEncoder().encodeToString(request.content()));
        String size = null;
        for (int i = 0; i < calls.size(); i++) {
            String op = (i == 0 ? "b" : "") + (i == calls.size() - 1 ? "c" : "");
            List<String> args = new ArrayList<>(List.of(
                    op.isEmpty() ? "w" : op,
                    dir,
                    target,
                    tmp,
                    request.overwrite() ? "1" : "0",
                    request.mode() == null ? "" : request.mode(),
                    sha256));
            args.addAll(calls.get(i));
            FileCommands.Output output;
            try {
                output = commands.run(session, FileScripts.UPLOAD, args);
            } catch (RuntimeException e) {
                if (i > 0) {
                    abort(session, dir, target, tmp);
                }
                throw e;
            }
            Optional<FileProblem> problem = output.problem(target);
            if (problem.isPresent()) {
                return FileOutcome.refused(session.id(), created, problem.get());
            }
            size = output.value("MSBOK").orElse(null);
        }
        long written = size == null || size.isEmpty() ? -1 : Long.parseLong(size.strip());
        if (written != request.content().length) {
            return FileOutcome.refused(
                    session.id(),
                    created,
                    new FileProblem(
                            FileProblem.Kind.FAILED,
                            target,
                            "the sandbox reports " + written + " bytes instead of " + request.content().length));
        }
        return FileOutcome.ok(session.id(), created, new UploadedFile(target, written, sha256, calls.size()));
    }

    private void abort(Session session, String dir, String target, String tmp) {
        try {
            commands.run(session, FileScripts.UPLOAD, List.of("a", dir, target, tmp, "0", "", ""));
        } catch (RuntimeException e) {
            // the sandbox is failing anyway; the temp file has a name of its own, never the target's
        }
    }

    /** Splits base64 text into calls of {@link #UPLOAD_ARGS_PER_CALL} arguments of {@link #UPLOAD_ARG_CHARS}. */
    static List<List<String>> chunk(String base64) {
        List<List<String>> calls = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int start = 0; start < base64.length(); start += UPLOAD_ARG_CHARS) {
            current.add(base64.substring(start, Math.min(base64.length(), start + UPLOAD_ARG_CHARS)));
            if (current.size() == UPLOAD_ARGS_PER_CALL) {
                calls.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty() || calls.isEmpty()) {
            calls.add(current);
        }
        return calls;
    }

    /** Reads a file; the caller holds the session's lock. */
    public FileOutcome<DownloadedFile> download(Session session, DownloadFileRequest request, String field) {
        if (request.maxBytes() != null && request.maxBytes() > maxFileBytes) {
            throw InvalidArgumentException.of(
                    "max_bytes",
                    "must be at most MSB_MAX_FILE_BYTES (" + maxFileBytes + ") (got " + request.maxBytes() + ")");
        }
        String path = resolve(session, request.path(), field);
        boolean cut = request.maxBytes() != null;
        long cap = cut ? request.maxBytes() : maxFileBytes;
        FileCommands.Output first = commands.run(
                session,
                FileScripts.DOWNLOAD,
                List.of(path, Long.toString(cap), cut ? "1" : "0", Integer.toString(DOWNLOAD_CHUNK_BYTES)));
        Optional<FileProblem> problem = first.problem(path);
        if (problem.isPresent()) {
            return FileOutcome.refused(session.id(), false, problem.get());
        }
        long size = Long.parseLong(first.value("MSBOK").orElseThrow(() -> unexpected("no size")));
        if (size > cap && !cut) {
            throw ResourceLimitException.fileTooLarge("download", path, size, maxFileBytes);
        }
        long want = Math.min(size, cap);
        byte[] content;
        Optional<String> data = first.value("MSBDATA");
        if (data.isPresent()) {
            content = Base64.getDecoder().decode(data.get());
        } else {
            String expected = first.value("MSBSHA").orElseThrow(() -> unexpected("no checksum"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) want);
            for (long offset = 0; offset < want; offset += DOWNLOAD_CHUNK_BYTES) {
                long length = Math.min(DOWNLOAD_CHUNK_BYTES, want - offset);
                String chunk = commands.run(
                                session, FileScripts.CHUNK, List.of(path, Long.toString(offset), Long.toString(length)))
                        .value("MSBDATA")
                        .orElse("");
                bytes.writeBytes(Base64.getDecoder().decode(chunk));
            }
            content = bytes.toByteArray();
            if (!sha256(content).equals(expected)) {
                return FileOutcome.refused(session.id(), false, changed(path));
            }
        }
        if (content.length != want) {
            return FileOutcome.refused(session.id(), false, changed(path));
        }
        String mimeType = MimeTypes.of(SandboxPaths.name(path), content);
        return FileOutcome.ok(
                session.id(), false, new DownloadedFile(path, size, content, sha256(content), mimeType, want < size));
    }

    private static FileProblem changed(String path) {
        return new FileProblem(
                FileProblem.Kind.FAILED,
                path,
                "it changed while it was being read (a process is writing it); call again");
    }

    /** Lists a directory (or one file); the caller holds the session's lock. */
    public FileOutcome<FileListing> list(Session session, ListFilesRequest request) {
        String path = request.path() == null ? workdir(session) : resolve(session, request.path(), "path");
        int depth = request.recursive() ? ListFilesRequest.MAX_DEPTH : 1;
        FileCommands.Output output = commands.run(
                session,
                FileScripts.LIST,
                List.of(
                        path,
                        Integer.toString(depth),
                        Integer.toString(request.maxEntries()),
                        Integer.toString(LIST_SECONDS)));
        Optional<FileProblem> problem = output.problem(path);
        if (problem.isPresent()) {
            return FileOutcome.refused(session.id(), false, problem.get());
        }
        byte[] raw = Base64.getDecoder().decode(output.value("MSBDATA").orElse(""));
        List<FileEntry> entries = new ArrayList<>();
        for (String record : new String(raw, StandardCharsets.UTF_8).split("\0")) {
            parseEntry(record).ifPresent(entries::add);
        }
        boolean truncated = entries.size() > request.maxEntries();
        entries.sort(Comparator.comparing(FileEntry::path));
        if (truncated) {
            entries = entries.subList(0, request.maxEntries());
        }
        return FileOutcome.ok(session.id(), false, new FileListing(path, entries, truncated));
    }

    /** One {@code type size mtime path} record of the listing script. */
    static Optional<FileEntry> parseEntry(String record) {
        String[] parts = record.split(" ", 4);
        if (parts.length < 4) {
            return Optional.empty();
        }
        String type = switch (parts[0]) {
            case "f" -> "file";
            case "d" -> "directory";
            case "l" -> "symlink";
            default -> "other";
        };
        try {
            return Optional.of(new FileEntry(parts[3], type, Long.parseLong(parts[1]), instant(parts[2])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** An instant from {@code seconds.fraction} as {@code find -printf %T@} prints it. */
    static Instant instant(String epochSeconds) {
        BigDecimal seconds = new BigDecimal(epochSeconds);
        long whole = seconds.longValue();
        long nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    static String decodeText(String base64) {
        return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalStateException unexpected(String what) {
        return new IllegalStateException("the download script printed " + what);
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

package io.msbmcp.adapter.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.TestServer;
import io.msbmcp.devserver.DevServer;
import io.msbmcp.devserver.DevServerConfig;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The three file tools, the resources and the files of a run, in process, over a real dev server (real sh, coreutils
 * and Python under bubblewrap when it works); the wrapper's file limit is lowered to 64 KiB to test the limits.
 */
@Timeout(120)
final class FileToolsTest {
    private static final int LIMIT = 64 * 1024;
    private static DevServer dev;
    private static TestServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        dev = DevServer.start(DevServerConfig.builder().port(0).build());
        server = TestServer.start(
                dev.baseUrl().toString(), b -> b, w -> w.maxFileBytes(LIMIT).maxInlineImageBytes(1024));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (dev != null) {
            dev.close();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void uploadThenDownload_binary_sameBytesAndShaAsComputedInTheSandbox() throws Exception {
        byte[] content = new byte[LIMIT];
        new Random(7).nextBytes(content);

        JsonNode up = http.callTool(
                "upload_file",
                Map.of(
                        "path",
                        "in/blob.bin",
                        "session_id",
                        "ft-binary",
                        "content_base64",
                        Base64.getMimeEncoder().encodeToString(content)));
        JsonNode sum =
                http.callTool("execute_command", Map.of("command", "sha256sum in/blob.bin", "session_id", "ft-binary"));
        JsonNode down = http.callTool("download_file", Map.of("path", "in/blob.bin", "session_id", "ft-binary"));

        assertThat(up.path("result").path("structuredContent").path("size").asLong())
                .isEqualTo(LIMIT);
        assertThat(up.path("result").path("structuredContent").path("sha256").asText())
                .isEqualTo(sha256(content));
        assertThat(sum.path("result").path("structuredContent").path("stdout").asText())
                .startsWith(sha256(content));
        JsonNode blob = down.path("result").path("content").get(1);
        assertThat(blob.path("type").asText()).isEqualTo("resource");
        assertThat(Base64.getDecoder().decode(blob.path("resource").path("blob").asText()))
                .isEqualTo(content);
        assertThat(down.path("result").path("content").get(0).path("type").asText())
                .isEqualTo("text");
    }

    @Test
    void upload_overLimit_resourceLimitAndNothingWritten_sessionStillUsable() {
        http.callTool("upload_file", Map.of("path", "keep.txt", "text", "kept\n", "session_id", "ft-limit"));

        JsonNode refused = http.callTool(
                "upload_file",
                Map.of(
                        "path",
                        "keep.txt",
                        "session_id",
                        "ft-limit",
                        "content_base64",
                        Base64.getEncoder().encodeToString(new byte[LIMIT + 3])));
        JsonNode after =
                http.callTool("execute_command", Map.of("command", "cat keep.txt; ls -A", "session_id", "ft-limit"));

        assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(refused.path("error").path("data").path("error_code").asText())
                .isEqualTo("RESOURCE_LIMIT_EXCEEDED");
        assertThat(refused.path("error").path("message").asText()).contains(Integer.toString(LIMIT));
        assertThat(after.path("result").path("structuredContent").path("stdout").asText())
                .isEqualTo("kept\nkeep.txt");
    }

    @Test
    void download_overLimit_resourceLimit_butMaxBytesGivesTheHead() {
        http.callTool("execute_command", Map.of("command", "head -c 70000 /dev/zero > big.bin", "session_id", "ft-dl"));

        JsonNode refused = http.callTool("download_file", Map.of("path", "big.bin", "session_id", "ft-dl"));
        JsonNode head =
                http.callTool("download_file", Map.of("path", "big.bin", "session_id", "ft-dl", "max_bytes", 10));

        assertThat(refused.path("error").path("data").path("error_code").asText())
                .isEqualTo("RESOURCE_LIMIT_EXCEEDED");
        assertThat(refused.path("error").path("message").asText()).contains("70000 bytes");
        assertThat(head.path("result")
                        .path("structuredContent")
                        .path("truncated")
                        .asBoolean())
                .isTrue();
        assertThat(head.path("result").path("structuredContent").path("size").asLong())
                .isEqualTo(70000);
    }

    @Test
    void download_missingFileAndDirectory_isErrorResultsNamingThePath() {
        http.callTool("upload_file", Map.of("path", "d/x.txt", "text", "x", "session_id", "ft-missing"));

        JsonNode missing = http.callTool("download_file", Map.of("path", "nope.txt", "session_id", "ft-missing"));
        JsonNode directory = http.callTool("download_file", Map.of("path", "d", "session_id", "ft-missing"));

        assertThat(missing.path("result").path("isError").asBoolean()).isTrue();
        assertThat(missing.path("result").path("content").get(0).path("text").asText())
                .contains("No file or directory")
                .contains("/nope.txt")
                .contains("list_files");
        assertThat(directory.path("result").path("isError").asBoolean()).isTrue();
        assertThat(directory.path("result").path("content").get(0).path("text").asText())
                .contains("is a directory");
    }

    @Test
    void paths_nulTraversalAndEmpty_invalidArgumentNamingPath() {
        http.callTool("upload_file", Map.of("path", "a.txt", "text", "a", "session_id", "ft-paths"));

        JsonNode nul = http.callTool("download_file", Map.of("path", "a\u0000b", "session_id", "ft-paths"));
        JsonNode climb =
                http.callTool("upload_file", Map.of("path", "/tmp/../../x", "text", "x", "session_id", "ft-paths"));
        JsonNode both = http.callTool(
                "upload_file", Map.of("path", "x", "text", "x", "content_base64", "eA==", "session_id", "ft-paths"));

        assertThat(nul.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(nul.path("error").path("data").path("context").path("field").asText())
                .isEqualTo("path");
        assertThat(climb.path("error")
                        .path("data")
                        .path("context")
                        .path("field")
                        .asText())
                .isEqualTo("path");
        assertThat(climb.path("error").path("message").asText()).contains("climbs above '/'");
        assertThat(both.path("error").path("data").path("context").path("field").asText())
                .isEqualTo("content_base64");
    }

    @Test
    void download_unknownSession_sessionNotFound() {
        JsonNode answer = http.callTool("download_file", Map.of("path", "a", "session_id", "ft-never"));

        assertThat(answer.path("error").path("data").path("error_code").asText())
                .isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void listFiles_showsUploadedFileAndSymlink() {
        http.callTool("upload_file", Map.of("path", "list/a.txt", "text", "abc", "session_id", "ft-list"));
        http.callTool("execute_command", Map.of("command", "ln -s a.txt list/l", "session_id", "ft-list"));

        JsonNode listing = http.callTool("list_files", Map.of("path", "list", "session_id", "ft-list"));

        JsonNode entries = listing.path("result").path("structuredContent").path("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("type").asText()).isEqualTo("file");
        assertThat(entries.get(0).path("size").asLong()).isEqualTo(3);
        assertThat(entries.get(1).path("type").asText()).isEqualTo("symlink");
    }

    @Test
    void executeCode_writesPngAndCsv_linksImageAndResourcesReadTheSameBytes() throws Exception {
        String code = String.join(
                "\n",
                "import zlib, struct",
                "def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))",
                "raw = b''.join(b'\\x00' + bytes([x * 60, y * 60, 90]) * 1 for y in range(4) for x in range(1))",
                "raw = b''.join(b'\\x00' + b''.join(bytes([x * 60, y * 60, 90]) for x in range(4)) for y in range(4))",
                "png = b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0))"
                        + " + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')",
                "open('chart.png', 'wb').write(png)",
                "open('out.csv', 'w').write('x,y\\n1,2\\n')",
                "print('saved')");

        JsonNode result = http.callTool("execute_code", Map.of("code", code, "session_id", "ft-chart"))
                .path("result");
        JsonNode off = http.callTool(
                        "execute_code",
                        Map.of(
                                "code",
                                "open('again.csv', 'w').write('1')",
                                "session_id",
                                "ft-chart",
                                "collect_files",
                                false))
                .path("result");

        JsonNode content = result.path("content");
        assertThat(content.get(0).path("type").asText()).isEqualTo("text");
        assertThat(content.get(1).path("type").asText()).isEqualTo("resource_link");
        assertThat(content.get(1).path("name").asText()).isEqualTo("chart.png");
        assertThat(content.get(1).path("mimeType").asText()).isEqualTo("image/png");
        assertThat(content.get(2).path("name").asText()).isEqualTo("out.csv");
        assertThat(content.get(3).path("type").asText()).isEqualTo("image");
        byte[] png = Base64.getDecoder().decode(content.get(3).path("data").asText());
        assertThat(result.path("structuredContent").path("files")).hasSize(2);
        JsonNode readPng = http.post(
                        "/mcp",
                        http.request(
                                "resources/read",
                                Map.of("uri", content.get(1).path("uri").asText())),
                        "Content-Type",
                        "application/json")
                .json();
        JsonNode readCsv = http.post(
                        "/mcp",
                        http.request(
                                "resources/read",
                                Map.of("uri", content.get(2).path("uri").asText())),
                        "Content-Type",
                        "application/json")
                .json();
        assertThat(Base64.getDecoder()
                        .decode(readPng.path("result")
                                .path("contents")
                                .get(0)
                                .path("blob")
                                .asText()))
                .isEqualTo(png);
        assertThat(readCsv.path("result").path("contents").get(0).path("text").asText())
                .isEqualTo("x,y\n1,2\n");
        assertThat(off.path("content")).hasSize(1);
        assertThat(off.path("structuredContent").path("files")).isEmpty();
    }

    @Test
    void resourcesTemplatesList_showsTheSessionFileTemplate() {
        JsonNode answer = http.post(
                        "/mcp", http.request("resources/templates/list", Map.of()), "Content-Type", "application/json")
                .json();

        assertThat(answer.path("result")
                        .path("resourceTemplates")
                        .get(0)
                        .path("uriTemplate")
                        .asText())
                .isEqualTo("sandbox://sessions/{session_id}/files/{path}");
    }

    @Test
    void resourcesRead_missingFile_invalidUri() {
        http.callTool("upload_file", Map.of("path", "x", "text", "x", "session_id", "ft-res"));

        JsonNode answer = http.post(
                        "/mcp",
                        http.request("resources/read", Map.of("uri", "sandbox://sessions/ft-res/files/nope")),
                        "Content-Type",
                        "application/json")
                .json();

        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(answer.path("error").path("message").asText())
                .contains("'uri'")
                .contains("No file");
    }

    @Test
    void resourcesRead_nulTraversalAndDirectory_invalidUriNamingTheCause() {
        http.callTool("upload_file", Map.of("path", "dir/x", "text", "x", "session_id", "ft-res-bad"));

        JsonNode nul = read("sandbox://sessions/ft-res-bad/files/a%00b");
        JsonNode climb = read("sandbox://sessions/ft-res-bad/files/%2F..%2F..%2Fetc");
        JsonNode directory = read("sandbox://sessions/ft-res-bad/files/dir");
        JsonNode unknownSession = read("sandbox://sessions/ft-res-none/files/x");

        assertThat(nul.path("error").path("data").path("context").path("field").asText())
                .isEqualTo("uri");
        assertThat(nul.path("error").path("message").asText()).contains("NUL");
        assertThat(climb.path("error").path("message").asText()).contains("climbs above '/'");
        assertThat(directory.path("error").path("message").asText()).contains("is a directory");
        assertThat(unknownSession.path("error").path("data").path("error_code").asText())
                .isEqualTo("SESSION_NOT_FOUND");
    }

    private static JsonNode read(String uri) {
        return http.post("/mcp", http.request("resources/read", Map.of("uri", uri)), "Content-Type", "application/json")
                .json();
    }
}

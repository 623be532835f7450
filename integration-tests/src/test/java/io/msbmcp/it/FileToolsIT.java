package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files in and out of sessions against the built jars and the dev server: a 5 MiB random file round trip (upload,
 * {@code sha256sum} in the sandbox, download) through the TypeScript SDK and through curl; a Python script that draws
 * a PNG with zlib + struct and writes a CSV, whose result carries an image block and resource links that
 * {@code resources/read} (TypeScript SDK and Inspector CLI) answers with the same bytes; a download queued behind a
 * running execution of the same session; and the cost of the artifact scan, printed.
 */
@Timeout(300)
final class FileToolsIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static Path scratch;
    private static String url;

    @BeforeAll
    static void setUp() {
        scratch = ItEnv.newDir("files", "scratch");
        url = it.shared().adapter().mcpUrl().toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void typeScriptSdk_fiveMiBRoundTrip_chartLinksAndResourcesRead() {
        String session = Sessions.newId("files-ts");

        Processes.Result run = NodeClients.node(
                "files-client",
                List.of("files-client.mjs", url, session),
                Map.of(),
                it.logDir(),
                Duration.ofSeconds(180));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode report = Json.lastObjectLine(run.stdout());
        System.out.println("[it] TypeScript SDK files: upload 5 MiB "
                + report.path("upload").path("ms") + " ms, download "
                + report.path("download").path("ms") + " ms; chart " + report.path("chart"));
        assertThat(report.has("unexpected")).as(report.toString()).isFalse();
        assertThat(report.path("capabilities").has("resources")).isTrue();
        assertThat(report.path("templates").get(0).asText()).isEqualTo("sandbox://sessions/{session_id}/files/{path}");
        String localSha = report.path("localSha").asText();
        assertThat(report.path("upload").path("structured").path("sha256").asText())
                .isEqualTo(localSha);
        assertThat(report.path("upload").path("structured").path("size").asLong())
                .isEqualTo(5L * 1024 * 1024);
        assertThat(report.path("sandboxSha").asText()).isEqualTo(localSha);
        assertThat(report.path("download").path("types").toString()).isEqualTo("[\"text\",\"resource\"]");
        assertThat(report.path("download").path("structured").path("sha256").asText())
                .isEqualTo(localSha);
        assertThat(report.path("roundTripEqual").asBoolean()).isTrue();
        assertThat(report.path("chart").path("types").toString())
                .isEqualTo("[\"text\",\"resource_link\",\"resource_link\",\"image\"]");
        assertThat(report.path("chart").path("text").asText()).startsWith("chart saved");
        assertThat(report.path("chart").path("files").toString()).isEqualTo("[\"chart.png\",\"out.csv\"]");
        JsonNode png = report.path("reads").path("chart.png");
        assertThat(png.path("mimeType").asText()).isEqualTo("image/png");
        assertThat(png.path("sha").asText()).isEqualTo(report.path("imageSha").asText());
        assertThat(png.path("size").asLong()).isEqualTo(png.path("linkSize").asLong());
        JsonNode csv = report.path("reads").path("out.csv");
        assertThat(csv.path("mimeType").asText()).isEqualTo("text/csv");
        assertThat(csv.path("sha").asText()).isEqualTo(sha256("x,y\n1,2\n3,4\n".getBytes()));
        assertThat(report.path("missing").path("isError").asBoolean()).isTrue();
        assertThat(report.path("missing").path("text").asText()).contains("No file or directory");
        assertThat(report.path("missingResource").path("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void curl_fiveMiBRoundTrip_bytesEqualAndShaMatchesTheSandbox() throws IOException {
        String session = Sessions.newId("files-curl");
        byte[] data = new byte[5 * 1024 * 1024];
        new Random(5).nextBytes(data);
        Path body = scratch.resolve(session + "-upload.json");
        Files.writeString(
                body,
                Json.write(Map.of(
                        "jsonrpc",
                        "2.0",
                        "id",
                        1,
                        "method",
                        "tools/call",
                        "params",
                        Map.of(
                                "name",
                                "upload_file",
                                "arguments",
                                Map.of(
                                        "path",
                                        "in/data.bin",
                                        "session_id",
                                        session,
                                        "content_base64",
                                        Base64.getEncoder().encodeToString(data))))));
        Path answer = scratch.resolve(session + "-download.json");

        Processes.Result upload = curl("--data-binary", "@" + body);
        McpResponse sum = it.shared()
                .mcp()
                .callTool("execute_command", Map.of("command", "sha256sum in/data.bin", "session_id", session));
        Processes.Result download = curl(
                "-o",
                answer.toString(),
                "-d",
                Json.write(Map.of(
                        "jsonrpc",
                        "2.0",
                        "id",
                        2,
                        "method",
                        "tools/call",
                        "params",
                        Map.of(
                                "name",
                                "download_file",
                                "arguments",
                                Map.of("path", "in/data.bin", "session_id", session)))));

        System.out.printf(
                "[it] curl 5 MiB: upload %d ms, download %d ms%n",
                upload.elapsed().toMillis(), download.elapsed().toMillis());
        JsonNode uploaded = Json.parse(upload.stdout()).path("result");
        assertThat(uploaded.path("structuredContent").path("sha256").asText()).isEqualTo(sha256(data));
        assertThat(sum.structured().path("stdout").asText()).startsWith(sha256(data));
        JsonNode downloaded = Json.parse(Files.readString(answer)).path("result");
        assertThat(Base64.getDecoder()
                        .decode(downloaded
                                .path("content")
                                .get(1)
                                .path("resource")
                                .path("blob")
                                .asText()))
                .isEqualTo(data);
        assertThat(downloaded.path("structuredContent").path("mime_type").asText())
                .isEqualTo("application/octet-stream");
        it.shared().mcp().callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void inspectorCli_resourcesRead_returnsTheCsvARunCreated() {
        String session = Sessions.newId("files-inspector");
        McpResponse run = it.shared()
                .mcp()
                .callTool(
                        "execute_command",
                        Map.of("command", "printf 'a,b\\n1,2\\n' > table.csv", "session_id", session));
        String uri = run.structured().path("files").get(0).path("uri").asText();
        Path home = ItEnv.newDir("inspector", "files-home");

        Processes.Result read = NodeClients.node(
                "inspector-resources-read",
                List.of(
                        NodeClients.bin("mcp-inspector").toString(),
                        "--cli",
                        url,
                        "--transport",
                        "http",
                        "--method",
                        "resources/read",
                        "--uri",
                        uri),
                Map.of("HOME", home.toString()),
                it.logDir(),
                Duration.ofSeconds(90));

        assertThat(read.exitCode()).as(read.describe()).isZero();
        JsonNode contents = Json.parse(read.stdout()).path("contents").get(0);
        assertThat(contents.path("uri").asText()).isEqualTo(uri);
        assertThat(contents.path("mimeType").asText()).isEqualTo("text/csv");
        assertThat(contents.path("text").asText()).isEqualTo("a,b\n1,2\n");
        it.shared().mcp().callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void download_whileAnExecutionWritesTheFile_waitsForItAndSeesTheWholeFile() {
        String session = Sessions.newId("files-order");
        McpHttp mcp = it.shared().mcp();
        mcp.callTool("upload_file", Map.of("path", "log.txt", "text", "", "session_id", session));

        CompletableFuture<McpResponse> writer = CompletableFuture.supplyAsync(() -> mcp.callTool(
                "execute_command",
                Map.of(
                        "command",
                        "for i in 1 2 3 4 5; do echo line $i >> log.txt; sleep 0.3; done",
                        "session_id",
                        session)));
        Poll.until(
                "the writer to hold the session",
                Duration.ofSeconds(20),
                () -> mcp.callTool("get_sessions", Map.of("session_id", session))
                        .structured()
                        .path("sessions")
                        .get(0)
                        .path("status")
                        .asText()
                        .equals("running"));
        McpResponse download = mcp.callTool("download_file", Map.of("path", "log.txt", "session_id", session));

        assertThat(writer.join().isError()).isFalse();
        assertThat(download.result().path("content").get(1).path("text").asText())
                .isEqualTo("line 1\nline 2\nline 3\nline 4\nline 5\n");
        mcp.callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void artifactScan_costPerCall_measuredAndPrinted() {
        String session = Sessions.newId("files-cost");
        McpHttp mcp = it.shared().mcp();
        mcp.callTool("execute_command", Map.of("command", "true", "session_id", session, "collect_files", false));
        int rounds = 10;
        List<Long> with = new ArrayList<>();
        List<Long> without = new ArrayList<>();

        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            McpResponse on = mcp.callTool(
                    "execute_command", Map.of("command", "echo " + i + " > f" + i + ".txt", "session_id", session));
            with.add((System.nanoTime() - start) / 1_000_000);
            start = System.nanoTime();
            McpResponse off = mcp.callTool(
                    "execute_command",
                    Map.of(
                            "command",
                            "echo " + i + " > g" + i + ".txt",
                            "session_id",
                            session,
                            "collect_files",
                            false));
            without.add((System.nanoTime() - start) / 1_000_000);
            // back-to-back calls: the previous call's file may be listed too (the window starts early by the
            // answer's transit time, see ArtifactScanner), but this call's own file always is
            assertThat(on.structured().path("files").findValuesAsText("name")).contains("f" + i + ".txt");
            assertThat(off.structured().path("files")).isEmpty();
        }

        double meanWith = with.stream().mapToLong(Long::longValue).average().orElse(0);
        double meanWithout =
                without.stream().mapToLong(Long::longValue).average().orElse(0);
        System.out.printf(
                "[it] artifact scan: execute_command %.1f ms with the scan, %.1f ms without (%d rounds): %.1f ms per"
                        + " call%n",
                meanWith, meanWithout, rounds, meanWith - meanWithout);
        mcp.callTool("stop_session", Map.of("session_id", session));
    }

    private static Processes.Result curl(String... args) {
        List<String> command = new ArrayList<>(
                List.of("curl", "-sS", "--fail-with-body", "-X", "POST", url, "-H", "Content-Type: application/json"));
        command.addAll(List.of(args));
        Processes.Result result =
                Processes.run("curl-files", command, Map.of(), scratch, it.logDir(), Duration.ofSeconds(120));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result;
    }
}

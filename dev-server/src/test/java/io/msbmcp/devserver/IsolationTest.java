package io.msbmcp.devserver;

import static io.msbmcp.devserver.RpcClient.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What bubblewrap must guarantee; skipped only when bwrap is not installed at all. */
@Timeout(90)
final class IsolationTest {
    private static final String NS = "iso";

    @TempDir
    static Path volume;

    private static DevServer server;
    private static RpcClient client;

    @BeforeAll
    static void startServer() throws IOException {
        Assumptions.assumeTrue(Bwrap.installed(), "bwrap is not installed");
        Files.writeString(volume.resolve("in.txt"), "from-host\n");
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        // A data directory outside /tmp, so that hiding it from the sandboxes is exercised too.
        Path dataDir = Files.createTempDirectory(target, "isolation-data-");
        server = DevServer.start(DevServerConfig.builder()
                .isolation(IsolationMode.REQUIRED)
                .dataDir(dataDir)
                .build());
        client = new RpcClient(server.baseUrl());
        startWith("py", "microsandbox/python", Map.of("volumes", List.of(volume + ":/shared/data")));
        startWith("js", "microsandbox/node", Map.of("volumes", List.of(volume + ":/opt/msb-test/vol")));
        startWith("other", "microsandbox/python", Map.of("workdir", "/workspace"));
    }

    @AfterAll
    static void closeServer() throws IOException {
        if (server != null) {
            Path dataDir = server.dataDir();
            server.close();
            Directories.deleteRecursively(dataDir);
        }
    }

    private static void startWith(String sandbox, String image, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put("image", image);
        RpcClient.Answer answer =
                client.call("sandbox.start", Map.of("namespace", NS, "sandbox", sandbox, "config", config));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static RpcClient.Answer sh(String sandbox, String script) {
        RpcClient.Answer answer = client.command(NS, sandbox, "sh", List.of("-c", script), 60);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    @Test
    void server_withBwrap_isIsolated() {
        assertThat(server.isolated()).isTrue();
    }

    @Test
    void network_hostLoopback_isUnreachable() {
        String connect = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', " + server.port()
                + "), timeout=3)\n    print('connected')\nexcept OSError as e:\n    print('refused', type(e).__name__)\n";

        RpcClient.Answer answer = client.repl(NS, "py", "python", connect, 20);
        RpcClient.Answer interfaces = sh("py", "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");

        assertThat(lines(answer.result(), "stdout")).singleElement().asString().startsWith("refused");
        assertThat(lines(interfaces.result(), "stdout")).containsExactly("lo");
    }

    @Test
    void filesystem_outsideWorkDir_isReadOnly() {
        RpcClient.Answer answer = sh(
                "py",
                "for p in /usr/x /etc/x /x /home/x; do touch $p 2>/dev/null && echo wrote $p; done;" + " echo done");

        assertThat(lines(answer.result(), "stdout")).containsExactly("done");
    }

    @Test
    void tmp_isPrivateToTheSandbox() throws IOException {
        String name = "msb-private-" + UUID.randomUUID();

        sh("py", "echo secret > /tmp/" + name);
        RpcClient.Answer sameSandbox =
                client.repl(NS, "py", "python", "print(open('/tmp/" + name + "').read().strip())");
        RpcClient.Answer otherSandbox = sh("other", "cat /tmp/" + name + " 2>/dev/null || echo absent");

        assertThat(Files.exists(Path.of("/tmp", name))).isFalse();
        assertThat(lines(sameSandbox.result(), "stdout")).containsExactly("secret");
        assertThat(lines(otherSandbox.result(), "stdout")).containsExactly("absent");
    }

    @Test
    void volume_isVisibleAtContainerPathAndWritesLandOnHost() throws IOException {
        RpcClient.Answer answer = sh("py", "cat /shared/data/in.txt && echo from-sandbox > /shared/data/out-py.txt");
        RpcClient.Answer nested =
                sh("js", "cat /opt/msb-test/vol/in.txt && echo from-node > /opt/msb-test/vol/out-js.txt");

        assertThat(lines(answer.result(), "stdout")).containsExactly("from-host");
        assertThat(lines(nested.result(), "stdout")).containsExactly("from-host");
        assertThat(Files.readString(volume.resolve("out-py.txt"))).isEqualTo("from-sandbox\n");
        assertThat(Files.readString(volume.resolve("out-js.txt"))).isEqualTo("from-node\n");
    }

    @Test
    void workDir_isImageWorkdirOrConfigured() {
        assertThat(lines(sh("py", "pwd").result(), "stdout")).containsExactly("/home/python-user/work");
        assertThat(lines(sh("js", "pwd").result(), "stdout")).containsExactly("/home/node/work");
        assertThat(lines(sh("other", "pwd; echo $HOME").result(), "stdout"))
                .containsExactly("/workspace", "/workspace");
    }

    @Test
    void dataDir_isHiddenFromSandboxes() {
        String dataDir = server.dataDir().toString();

        RpcClient.Answer answer = sh("py", "ls -A " + dataDir + " | wc -l");

        assertThat(lines(answer.result(), "stdout")).containsExactly("0");
    }

    @Test
    void processes_ofOtherSandboxesAndHost_areInvisible() {
        RpcClient.Answer count = sh("py", "ls /proc | grep -c '^[0-9]'");
        RpcClient.Answer names = sh("py", "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f; echo; done");

        // the sandbox's own: bubblewrap's pid 1 and the holder, the REPL and its jail, this command
        assertThat(Integer.parseInt(lines(count.result(), "stdout").get(0))).isLessThan(10);
        String all = String.join("\n", lines(names.result(), "stdout"));
        assertThat(all).contains("-q -u -i -c").doesNotContain("java").doesNotContain("repl').start");
    }

    @Test
    void pip_installFromLocalWheel_worksWithoutNetwork() throws IOException {
        writeWheel(volume.resolve("msb_hello-1.0-py3-none-any.whl"));

        RpcClient.Answer install = sh(
                "py",
                "python3 -m pip install --target .deps /shared/data/msb_hello-1.0-py3-none-any.whl 2>&1; echo exit=$?");
        RpcClient.Answer use = client.repl(
                NS,
                "py",
                "python",
                "import sys\nsys.path.insert(0, '.deps')\nimport msb_hello\nprint(msb_hello.VALUE)");

        assertThat(lines(install.result(), "stdout")).as(install.body()).contains("exit=0");
        assertThat(lines(use.result(), "stdout")).containsExactly("42");
    }

    @Test
    void npm_installFromLocalDirectory_worksWithoutNetwork() throws IOException {
        Path pkg = Files.createDirectories(volume.resolve("msb-hello"));
        Files.writeString(
                pkg.resolve("package.json"), "{\"name\":\"msb-hello\",\"version\":\"1.0.0\",\"main\":\"index.js\"}");
        Files.writeString(pkg.resolve("index.js"), "module.exports = 40 + 2;\n");

        RpcClient.Answer install =
                sh("js", "npm install --no-audit --no-fund /opt/msb-test/vol/msb-hello 2>&1; echo exit=$?");
        RpcClient.Answer use = client.repl(NS, "js", "nodejs", "console.log(require('msb-hello'))");

        assertThat(lines(install.result(), "stdout")).as(install.body()).contains("exit=0");
        assertThat(lines(use.result(), "stdout")).containsExactly("42");
    }

    private static void writeWheel(Path wheel) throws IOException {
        String info = "msb_hello-1.0.dist-info/";
        Map<String, String> files = new java.util.LinkedHashMap<>();
        files.put("msb_hello/__init__.py", "VALUE = 42\n");
        files.put(info + "METADATA", "Metadata-Version: 2.1\nName: msb_hello\nVersion: 1.0\n");
        files.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        files.keySet().forEach(name -> record.append(name).append(",,\n"));
        record.append(info).append("RECORD,,\n");
        files.put(info + "RECORD", record.toString());
        try (OutputStream out = Files.newOutputStream(wheel);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}

package io.msbmcp.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
final class SandboxLifecycleTest {
    @RegisterExtension
    static final RunningDevServer dev = new RunningDevServer(builder -> builder.isolation(Bwrap.modeForTests()));

    private static JsonNode entry(RpcClient.Answer metrics, String name) {
        for (JsonNode sandbox : metrics.result().get("sandboxes")) {
            if (sandbox.get("name").asText().equals(name)) {
                return sandbox;
            }
        }
        throw new AssertionError("No metrics entry for " + name + ": " + metrics.body());
    }

    @Test
    void start_pythonImage_answersStartedMessage() {
        RpcClient.Answer answer = dev.client().start("life", "py1", "microsandbox/python");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().asText()).isEqualTo("Sandbox py1 started successfully");
        dev.client().stop("life", "py1");
    }

    @Test
    void start_alreadyRunning_isNoOpKeepingState() {
        RpcClient client = dev.client();
        client.start("life", "again", "microsandbox/python");
        client.repl("life", "again", "python", "kept = 'yes'");

        RpcClient.Answer second = client.start("life", "again", "microsandbox/python");

        assertThat(second.result().asText()).isEqualTo("Sandbox again started successfully");
        assertThat(RpcClient.lines(
                        client.repl("life", "again", "python", "print(kept)").result(), "stdout"))
                .containsExactly("yes");
        client.stop("life", "again");
    }

    @Test
    void start_unknownImage_isInternalErrorButRecorded() {
        RpcClient.Answer answer = dev.client().start("life-img", "weird", "ubuntu:22.04");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().get("error").asText()).isEqualTo("Internal server error");
        JsonNode entry = entry(dev.client().metrics("life-img"), "weird");
        assertThat(entry.get("running").asBoolean()).isFalse();
    }

    @Test
    void start_replThatCannotStart_isInternalErrorAndNotRunning() throws Exception {
        // Answers the interpreter query like a Python, then dies as a REPL.
        Path fake =
                Files.createTempFile(Files.createDirectories(Path.of("target").toAbsolutePath()), "fake-python", "");
        Files.writeString(fake, "#!/bin/sh\ncase \"$*\" in *sys.executable*) echo \"$0\" ;; *) exit 1 ;; esac\n");
        fake.toFile().setExecutable(true);
        try (DevServer broken = DevServer.start(DevServerConfig.builder()
                .isolation(Bwrap.modeForTests())
                .pythonCommand(fake.toString())
                .build())) {
            RpcClient client = new RpcClient(broken.baseUrl());

            RpcClient.Answer answer = client.start("life-x", "nopython", "microsandbox/python");

            assertThat(answer.status()).isEqualTo(500);
            assertThat(entry(client.metrics("life-x"), "nopython")
                            .get("running")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Test
    void metrics_runningSandbox_reportsUsage() {
        RpcClient client = dev.client();
        client.start("life-m", "busy", "microsandbox/python");
        client.command("life-m", "busy", "sh", List.of("-c", "head -c 5000 /dev/zero > data.bin"));

        JsonNode entry = entry(client.metrics("life-m"), "busy");

        assertThat(entry.get("namespace").asText()).isEqualTo("life-m");
        assertThat(entry.get("running").asBoolean()).isTrue();
        assertThat(entry.get("memory_usage").asLong()).isPositive();
        assertThat(entry.get("disk_usage").asLong()).isGreaterThanOrEqualTo(5000);
        assertThat(entry.get("cpu_usage").isNumber()).isTrue();
    }

    @Test
    void metrics_stoppedSandbox_isListedWithNullUsage() {
        RpcClient client = dev.client();
        client.start("life-s", "quiet", "microsandbox/node");

        RpcClient.Answer stop = client.stop("life-s", "quiet");
        JsonNode entry = entry(client.metrics("life-s"), "quiet");

        assertThat(stop.result().asText()).isEqualTo("Sandbox quiet stopped successfully");
        assertThat(entry.get("running").asBoolean()).isFalse();
        assertThat(entry.get("cpu_usage").isNull()).isTrue();
        assertThat(entry.get("memory_usage").isNull()).isTrue();
        assertThat(entry.get("disk_usage").isNull()).isTrue();
    }

    @Test
    void stop_stoppedSandbox_succeeds() {
        RpcClient client = dev.client();
        client.start("life-2", "twice", "microsandbox/python");
        client.stop("life-2", "twice");

        RpcClient.Answer answer = client.stop("life-2", "twice");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().asText()).isEqualTo("Sandbox twice stopped successfully");
    }

    @Test
    void metrics_wildcardWithSandboxFilter_listsMatchesAcrossNamespaces() {
        RpcClient client = dev.client();
        client.start("life-a", "shared-name", "microsandbox/python");
        client.start("life-b", "shared-name", "microsandbox/python");

        RpcClient.Answer answer =
                client.call("sandbox.metrics.get", Map.of("namespace", "*", "sandbox", "shared-name"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("sandboxes").findValuesAsText("namespace"))
                .contains("life-a", "life-b");
        assertThat(answer.result().get("sandboxes").findValuesAsText("name")).containsOnly("shared-name");
        client.stop("life-a", "shared-name");
        client.stop("life-b", "shared-name");
    }

    @Test
    void metrics_namespaceWithFilterNamingUnknownSandbox_isInternalError() {
        dev.client().start("life-f", "real", "microsandbox/python");

        RpcClient.Answer answer =
                dev.client().call("sandbox.metrics.get", Map.of("namespace", "life-f", "sandbox", "ghost"));

        assertThat(answer.status()).isEqualTo(500);
        dev.client().stop("life-f", "real");
    }

    @Test
    void restart_sameDataDir_listsSandboxesStoppedAndRestartsFromStoredConfig(@TempDir Path dataDir) throws Exception {
        DevServerConfig config = DevServerConfig.builder()
                .dataDir(dataDir)
                .isolation(Bwrap.modeForTests())
                .build();
        try (DevServer first = DevServer.start(config)) {
            RpcClient client = new RpcClient(first.baseUrl());
            client.call(
                    "sandbox.start",
                    Map.of(
                            "namespace",
                            "keep",
                            "sandbox",
                            "persisted",
                            "config",
                            Map.of("image", "microsandbox/python", "envs", List.of("GREETING=hello"))));
            client.command("keep", "persisted", "sh", List.of("-c", "echo saved > note.txt"));
        }

        try (DevServer second = DevServer.start(config)) {
            RpcClient client = new RpcClient(second.baseUrl());
            JsonNode entry = entry(client.metrics("keep"), "persisted");
            RpcClient.Answer restart =
                    client.call("sandbox.start", Map.of("namespace", "keep", "sandbox", "persisted"));
            RpcClient.Answer run =
                    client.command("keep", "persisted", "sh", List.of("-c", "echo $GREETING; cat note.txt"));

            assertThat(entry.get("running").asBoolean()).isFalse();
            assertThat(restart.status()).isEqualTo(200);
            assertThat(RpcClient.lines(run.result(), "stdout")).containsExactly("hello", "saved");
        }
        assertThat(Files.exists(dataDir.resolve("namespaces/keep/sandboxes.json")))
                .isTrue();
    }

    @Test
    void start_newImageConfig_replacesStoredEntryWhole() {
        RpcClient client = dev.client();
        client.call(
                "sandbox.start",
                Map.of(
                        "namespace",
                        "life-r",
                        "sandbox",
                        "swap",
                        "config",
                        Map.of("image", "microsandbox/python", "envs", List.of("OLD=1"))));
        client.stop("life-r", "swap");
        client.start("life-r", "swap", "microsandbox/python");

        RpcClient.Answer run = client.command("life-r", "swap", "sh", List.of("-c", "echo \"[$OLD]\""));

        assertThat(RpcClient.lines(run.result(), "stdout")).containsExactly("[]");
        client.stop("life-r", "swap");
    }
}

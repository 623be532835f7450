package io.msbmcp.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.devserver.process.ProcFs;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
final class ShutdownTest {

    /** Pids of live processes whose command line contains {@code text}. */
    private static List<Long> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.pid() != ProcessHandle.current().pid())
                .filter(handle ->
                        ProcFs.stat(handle.pid()).map(stat -> !stat.zombie()).orElse(false))
                .filter(handle -> ProcFs.commandLine(handle.pid())
                        .map(line -> line.contains(text))
                        .orElse(false))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static void awaitProcessesMentioning(String text, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (processesMentioning(text).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(processesMentioning(text)).hasSizeGreaterThanOrEqualTo(count);
    }

    @ParameterizedTest
    @EnumSource(
            value = IsolationMode.class,
            names = {"AUTO", "NONE"})
    void close_withRunningReplsCommandsAndChildren_leavesNoProcess(IsolationMode mode) throws Exception {
        String tag = "msb-leak-check-" + UUID.randomUUID();
        DevServer server =
                DevServer.start(DevServerConfig.builder().isolation(mode).build());
        Path dataDir = server.dataDir();
        RpcClient client = new RpcClient(server.baseUrl());
        client.start("down", "py", "microsandbox/python");
        client.start("down", "js", "microsandbox/node");
        client.repl(
                "down",
                "py",
                "python",
                "import subprocess\nsubprocess.Popen(['sh', '-c', 'sleep 600', '" + tag + "'])");
        client.repl("down", "js", "node", "require('child_process').spawn('sh', ['-c', 'sleep 600', '" + tag + "'])");
        CompletableFuture<?> command = CompletableFuture.runAsync(() -> {
            try {
                client.command("down", "py", "sh", List.of("-c", "sleep 600", tag));
            } catch (UncheckedIOException e) {
                // the server went away under the request: expected
            }
        });
        CompletableFuture<?> endless = CompletableFuture.runAsync(() -> {
            try {
                client.repl("down", "js", "node", "while (true) {}");
            } catch (UncheckedIOException e) {
                // expected as well
            }
        });
        awaitProcessesMentioning(tag, 3);

        server.close();

        assertThat(processesMentioning(tag)).isEmpty();
        assertThat(processesMentioning(dataDir.toString())).isEmpty();
        assertThat(Files.exists(dataDir)).isFalse();
        command.get(20, TimeUnit.SECONDS);
        endless.get(20, TimeUnit.SECONDS);
    }

    @Test
    void close_calledTwice_isHarmless() throws Exception {
        DevServer server = DevServer.start(
                DevServerConfig.builder().isolation(IsolationMode.NONE).build());

        server.close();
        server.close();

        assertThatThrownBy(() -> new RpcClient(server.baseUrl()).send("GET", "/api/v1/health", null, null))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void close_givenDataDir_keepsIt(@org.junit.jupiter.api.io.TempDir Path dataDir) throws Exception {
        DevServer server = DevServer.start(DevServerConfig.builder()
                .isolation(IsolationMode.NONE)
                .dataDir(dataDir)
                .build());
        new RpcClient(server.baseUrl()).start("keep", "s", "microsandbox/python");

        server.close();

        assertThat(dataDir.resolve("namespaces/keep/sandboxes.json")).exists();
    }

    @Test
    void runs_onDifferentSandboxes_runInParallel() throws Exception {
        try (DevServer server = DevServer.start(
                DevServerConfig.builder().isolation(IsolationMode.NONE).build())) {
            RpcClient client = new RpcClient(server.baseUrl());
            client.start("par", "a", "microsandbox/python");
            client.start("par", "b", "microsandbox/python");
            client.repl("par", "a", "python", "import time");
            client.repl("par", "b", "python", "import time");
            long started = System.nanoTime();

            CompletableFuture<RpcClient.Answer> first = CompletableFuture.supplyAsync(
                    () -> client.repl("par", "a", "python", "time.sleep(1.5)\nprint('a')"));
            CompletableFuture<RpcClient.Answer> second = CompletableFuture.supplyAsync(
                    () -> client.repl("par", "b", "python", "time.sleep(1.5)\nprint('b')"));
            List<String> outputs = List.of(
                    RpcClient.lines(first.get().result(), "stdout").get(0),
                    RpcClient.lines(second.get().result(), "stdout").get(0));

            assertThat(outputs).containsExactly("a", "b");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_800);
        }
    }

    @Test
    void runs_onOneSandbox_areSerializedInOrder() throws Exception {
        try (DevServer server = DevServer.start(
                DevServerConfig.builder().isolation(IsolationMode.NONE).build())) {
            RpcClient client = new RpcClient(server.baseUrl());
            client.start("ser", "s", "microsandbox/python");
            client.repl("ser", "s", "python", "import time\nevents = []");

            CompletableFuture<RpcClient.Answer> first = CompletableFuture.supplyAsync(
                    () -> client.repl("ser", "s", "python", "time.sleep(0.5)\nevents.append('first')\nprint('one')"));
            Thread.sleep(100);
            RpcClient.Answer second = client.repl("ser", "s", "python", "events.append('second')\nprint(events)");

            assertThat(RpcClient.lines(first.get().result(), "stdout")).containsExactly("one");
            assertThat(RpcClient.lines(second.result(), "stdout")).containsExactly("['first', 'second']");
        }
    }
}

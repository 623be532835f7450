package io.msbmcp.devserver;

import static io.msbmcp.devserver.RpcClient.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A command and the REPL of one sandbox share one process space, as in a VM: a command served while the REPL is busy
 * can send it SIGINT, which interrupts the running code and keeps the REPL and its variables.
 */
@Timeout(60)
final class ReplInterruptTest {
    private static final String NS = "intr";
    /** Waits until the REPL has written its pid, then interrupts it; the pid file path is the first argument. */
    private static final String INTERRUPT =
            "while [ ! -s \"$1\" ]; do sleep 0.05; done; kill -INT \"$(cat \"$1\")\" && echo sent";

    @RegisterExtension
    static final RunningDevServer dev = new RunningDevServer(builder -> builder.isolation(Bwrap.modeForTests()));

    @BeforeAll
    static void startSandboxes() {
        assertThat(dev.client().start(NS, "py", "microsandbox/python").status()).isEqualTo(200);
        assertThat(dev.client().start(NS, "js", "microsandbox/node").status()).isEqualTo(200);
    }

    @AfterAll
    static void stopSandboxes() {
        dev.client().stop(NS, "py");
        dev.client().stop(NS, "js");
    }

    @Test
    void command_sigintToBusyPythonRepl_interruptsCodeAndKeepsVariables() throws Exception {
        CompletableFuture<RpcClient.Answer> busy = CompletableFuture.supplyAsync(() -> dev.client()
                .repl(
                        NS,
                        "py",
                        "python",
                        "import os\nkept = 41\nopen('/tmp/py.pid', 'w').write(str(os.getpid()))\nwhile True: pass\n",
                        50));

        RpcClient.Answer kill = dev.client().command(NS, "py", "sh", List.of("-c", INTERRUPT, "sh", "/tmp/py.pid"), 20);
        RpcClient.Answer interrupted = busy.get(10, TimeUnit.SECONDS);
        RpcClient.Answer after = dev.client().repl(NS, "py", "python", "print(kept + 1)");

        assertThat(lines(kill.result(), "stdout")).containsExactly("sent");
        assertThat(lines(interrupted.result(), "stderr")).contains("KeyboardInterrupt");
        assertThat(lines(after.result(), "stdout")).containsExactly("42");
    }

    @Test
    void command_sigintToBusyNodeReplWithBreakOnSigint_interruptsCodeAndKeepsVariables() throws Exception {
        String code = "process.on('SIGINT', () => {}); var kept = 41;"
                + " require('fs').writeFileSync('/tmp/js.pid', String(process.pid));"
                + " try { require('vm').runInThisContext('while (true) {}', {breakOnSigint: true}) }"
                + " catch (e) { console.log('stopped: ' + e.message) }\n";
        CompletableFuture<RpcClient.Answer> busy =
                CompletableFuture.supplyAsync(() -> dev.client().repl(NS, "js", "node", code, 50));

        RpcClient.Answer kill = dev.client().command(NS, "js", "sh", List.of("-c", INTERRUPT, "sh", "/tmp/js.pid"), 20);
        RpcClient.Answer interrupted = busy.get(10, TimeUnit.SECONDS);
        RpcClient.Answer after = dev.client().repl(NS, "js", "node", "console.log(kept + 1)");

        assertThat(lines(kill.result(), "stdout")).containsExactly("sent");
        assertThat(lines(interrupted.result(), "stdout"))
                .anySatisfy(line -> assertThat(line).startsWith("stopped: Script execution was interrupted"));
        assertThat(lines(after.result(), "stdout")).containsExactly("42");
    }

    @Test
    void command_listsProcesses_seesTheRepl() {
        RpcClient.Answer ps = dev.client()
                .command(NS, "py", "sh", List.of("-c", "cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' ' '"), 20);

        assertThat(String.join("\n", lines(ps.result(), "stdout"))).contains("-q -u -i -c");
    }
}

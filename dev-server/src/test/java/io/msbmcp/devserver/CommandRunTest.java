package io.msbmcp.devserver;

import static io.msbmcp.devserver.RpcClient.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
final class CommandRunTest {
    private static final String NS = "cmd";
    private static final String SB = "box";

    @RegisterExtension
    static final RunningDevServer dev = new RunningDevServer(builder -> builder.isolation(Bwrap.modeForTests()));

    @BeforeAll
    static void startSandbox() {
        assertThat(dev.client().start(NS, SB, "microsandbox/python").status()).isEqualTo(200);
    }

    @AfterAll
    static void stopSandbox() {
        dev.client().stop(NS, SB);
    }

    private static RpcClient.Answer run(String command, String... args) {
        return dev.client().command(NS, SB, command, List.of(args));
    }

    @Test
    void run_successfulCommand_echoesCommandAndArgs() {
        RpcClient.Answer answer = run("echo", "hello", "world");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode result = answer.result();
        assertThat(result.get("command").asText()).isEqualTo("echo");
        assertThat(result.get("args")).isEqualTo(RpcClient.MAPPER.valueToTree(List.of("hello", "world")));
        assertThat(result.get("exit_code").asInt()).isZero();
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(lines(result, "stdout")).containsExactly("hello world");
    }

    @Test
    void run_nonZeroExit_isHttp200WithSuccessFalse() {
        RpcClient.Answer answer = run("sh", "-c", "echo out; echo err >&2; exit 3");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("exit_code").asInt()).isEqualTo(3);
        assertThat(answer.result().get("success").asBoolean()).isFalse();
        assertThat(lines(answer.result(), "stdout")).containsExactly("out");
        assertThat(lines(answer.result(), "stderr")).containsExactly("err");
    }

    @Test
    void run_shellLineThroughSh_works() {
        RpcClient.Answer answer = run("sh", "-c", "echo a | tr a b");

        assertThat(lines(answer.result(), "stdout")).containsExactly("b");
    }

    @Test
    void run_shellLineAsCommand_isNotInterpreted() {
        RpcClient.Answer answer = run("echo a | tr a b");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json())
                .isEqualTo(RpcClient.MAPPER.valueToTree(Map.of("error", "Internal server error", "code", 5002)));
    }

    @Test
    void run_argumentsWithShellCharacters_arePassedVerbatim() {
        RpcClient.Answer answer = run("echo", "$HOME", "a|b", "*");

        assertThat(lines(answer.result(), "stdout")).containsExactly("$HOME a|b *");
    }

    @Test
    void run_missingBinary_isInternalError() {
        assertThat(run("no-such-binary-xyz").status()).isEqualTo(500);
    }

    @Test
    void run_timeout_killsAndIsInternalError() {
        long started = System.nanoTime();

        RpcClient.Answer answer = dev.client().command(NS, SB, "sleep", List.of("30"), 1);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().get("code").asInt()).isEqualTo(5002);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void run_stdin_isDevNull() {
        RpcClient.Answer answer = run("cat");

        assertThat(answer.result().get("exit_code").asInt()).isZero();
        assertThat(answer.result().get("output")).isEmpty();
    }

    @Test
    void run_backgroundChild_doesNotHoldTheCommand() {
        long started = System.nanoTime();

        RpcClient.Answer answer = run("sh", "-c", "sleep 60 & echo started");

        assertThat(lines(answer.result(), "stdout")).containsExactly("started");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void run_workingDirectory_isHomeAndWritable() {
        RpcClient.Answer answer = run("sh", "-c", "test \"$(pwd)\" = \"$HOME\" && echo ok > f.txt && cat f.txt");

        assertThat(lines(answer.result(), "stdout")).containsExactly("ok");
    }

    @Test
    void run_relativeExecutable_isResolvedInWorkDir() {
        run("sh", "-c", "printf '#!/bin/sh\\necho from-script\\n' > script.sh && chmod +x script.sh");

        RpcClient.Answer answer = run("./script.sh");

        assertThat(lines(answer.result(), "stdout")).containsExactly("from-script");
    }

    @Test
    void run_interpretersAndPackageTools_areOnPath() {
        RpcClient.Answer answer = run(
                "sh",
                "-c",
                "python3 -c 'print(1)' && python3 -m pip --version >/dev/null && node -e 'console.log(2)'"
                        + " && npm --version >/dev/null && env >/dev/null && echo tools-ok");

        assertThat(lines(answer.result(), "stdout")).as(answer.body()).containsExactly("1", "2", "tools-ok");
    }

    @Test
    void run_killedBySignal_reportsShellStyleExitCode() {
        RpcClient.Answer answer = run("sh", "-c", "kill -9 $$");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("exit_code").asInt()).isEqualTo(137);
        assertThat(answer.result().get("success").asBoolean()).isFalse();
    }

    @Test
    void run_floodingCommand_isCappedWithNote() {
        RpcClient.Answer answer =
                run("sh", "-c", "head -c 20000000 /dev/zero | tr '\\0' y | fold -w 9999; echo done >&2");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(lines(answer.result(), "stdout").size()).isBetween(1000, 1700);
        assertThat(lines(answer.result(), "stdout")).last().asString().startsWith("[msb-dev-server: stdout truncated");
        assertThat(lines(answer.result(), "stderr")).containsExactly("done");
    }

    @Test
    void run_hugeTimeout_meansNoPracticalLimit() {
        RpcClient.Answer answer = dev.client().command(NS, SB, "true", List.of(), Long.MAX_VALUE);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result().get("exit_code").asInt()).isZero();
    }

    @Test
    void run_configuredEnv_isVisible() {
        dev.client()
                .call(
                        "sandbox.start",
                        Map.of(
                                "namespace",
                                NS,
                                "sandbox",
                                "env",
                                "config",
                                Map.of("image", "microsandbox/python", "envs", List.of("FOO=bar=baz"))));

        RpcClient.Answer answer = dev.client().command(NS, "env", "sh", List.of("-c", "echo $FOO"));

        assertThat(lines(answer.result(), "stdout")).containsExactly("bar=baz");
        dev.client().stop(NS, "env");
    }
}

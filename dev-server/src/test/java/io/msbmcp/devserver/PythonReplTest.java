package io.msbmcp.devserver;

import static io.msbmcp.devserver.RpcClient.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
final class PythonReplTest {
    private static final String NS = "py";
    private static final String SB = "repl";

    @RegisterExtension
    static final RunningDevServer dev = new RunningDevServer(
            builder -> builder.isolation(Bwrap.modeForTests()).outputLimitBytes(8 * 1024));

    @BeforeAll
    static void startSandbox() {
        assertThat(dev.client().start(NS, SB, "microsandbox/python").status()).isEqualTo(200);
    }

    @AfterAll
    static void stopSandbox() {
        dev.client().stop(NS, SB);
    }

    private static JsonNode run(String code) {
        RpcClient.Answer answer = dev.client().repl(NS, SB, "python", code);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.result();
    }

    @Test
    void run_variableSetEarlier_persists() {
        run("x = 42");

        JsonNode result = run("print(x)");

        assertThat(result.get("status").asText()).isEqualTo("success");
        assertThat(result.get("language").asText()).isEqualTo("python");
        assertThat(lines(result, "stdout")).containsExactly("42");
        assertThat(lines(result, "stderr")).isEmpty();
    }

    @Test
    void run_exception_yieldsTracebackOnStderr() {
        JsonNode result = run("def boom():\n    return 1 / 0\n\nboom()");

        assertThat(lines(result, "stderr")).first().isEqualTo("Traceback (most recent call last):");
        assertThat(lines(result, "stderr")).last().isEqualTo("ZeroDivisionError: division by zero");
        assertThat(result.get("status").asText()).isEqualTo("success");
    }

    @Test
    void run_bareExpression_echoesRepr() {
        assertThat(lines(run("'a' * 3"), "stdout")).containsExactly("'aaa'");
    }

    @Test
    void run_indentedBlockAtEnd_isClosed() {
        assertThat(lines(run("for i in range(3):\n    print(i)"), "stdout")).containsExactly("0", "1", "2");
    }

    @Test
    void run_outputWithoutFinalNewline_isKept() {
        assertThat(lines(run("print('partial', end='')"), "stdout")).containsExactly("partial");
    }

    @Test
    void run_languageCapitalized_isAcceptedAndEchoed() {
        RpcClient.Answer answer = dev.client().repl(NS, SB, "Python", "print(1)");

        assertThat(answer.result().get("language").asText()).isEqualTo("Python");
    }

    @Test
    void run_nodeLanguageInPythonSandbox_isInternalError() {
        RpcClient.Answer answer = dev.client().repl(NS, SB, "javascript", "1");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().get("code").asInt()).isEqualTo(5002);
    }

    @Test
    void run_unsupportedLanguage_isInternalError() {
        assertThat(dev.client().repl(NS, SB, "ruby", "1").status()).isEqualTo(500);
    }

    @Test
    void run_missingCode_isInternalError() {
        RpcClient.Answer answer = dev.client()
                .call("sandbox.repl.run", java.util.Map.of("namespace", NS, "sandbox", SB, "language", "python"));

        assertThat(answer.status()).isEqualTo(500);
    }

    @Test
    void run_timeout_appendsTimeoutLineAndCodeKeepsRunning() {
        RpcClient client = dev.client();
        client.start(NS, "slow", "microsandbox/python");

        RpcClient.Answer timedOut = client.repl(NS, "slow", "python", "import time\ntime.sleep(3)\nprint('after')", 1);
        RpcClient.Answer next = client.repl(NS, "slow", "python", "print('next')");

        assertThat(timedOut.status()).isEqualTo(200);
        assertThat(timedOut.result().get("status").asText()).isEqualTo("success");
        JsonNode output = timedOut.result().get("output");
        assertThat(output.get(output.size() - 1).get("stream").asText()).isEqualTo("stderr");
        assertThat(output.get(output.size() - 1).get("text").asText())
                .isEqualTo("Error: Execution timed out after 1 seconds");
        assertThat(lines(next.result(), "stdout")).containsExactly("after", "next");
        assertThat(lines(next.result(), "stderr")).isEmpty();
        client.stop(NS, "slow");
    }

    @Test
    void run_floodingOutput_isCappedWithNote() {
        JsonNode result = run("for i in range(5000):\n    print('line', i)");
        JsonNode after = run("print('still alive')");

        assertThat(lines(result, "stdout")).first().isEqualTo("line 0");
        assertThat(lines(result, "stdout").size()).isLessThan(1000);
        assertThat(lines(result, "stdout")).last().asString().startsWith("[msb-dev-server: stdout truncated");
        assertThat(lines(after, "stdout")).containsExactly("still alive");
    }

    @Test
    void run_replExited_answersEngineUnavailableUntilRestart() {
        RpcClient client = dev.client();
        client.start(NS, "dies", "microsandbox/python");

        JsonNode dying = client.repl(NS, "dies", "python", "print('bye')\nimport os\nos._exit(3)")
                .result();
        JsonNode after = client.repl(NS, "dies", "python", "print(1)").result();
        client.stop(NS, "dies");
        client.start(NS, "dies", "microsandbox/python");
        JsonNode restarted = client.repl(NS, "dies", "python", "print(2)").result();

        assertThat(lines(dying, "stdout")).containsExactly("bye");
        assertThat(lines(dying, "stderr")).containsExactly("Error: Engine unavailable: Python process channel closed");
        assertThat(lines(after, "stderr")).containsExactly("Error: Engine unavailable: Python process channel closed");
        assertThat(lines(restarted, "stdout")).containsExactly("2");
        client.stop(NS, "dies");
    }

    @Test
    void run_environment_hasHomeAtWorkDirAndUtf8() {
        JsonNode result =
                run("import os, sys\nprint(os.getcwd() == os.environ['HOME'])\nprint(sys.stdout.encoding)\nprint('é')");

        assertThat(lines(result, "stdout")).containsExactly("True", "utf-8", "é");
    }
}

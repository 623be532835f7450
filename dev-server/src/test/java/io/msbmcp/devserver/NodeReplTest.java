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
final class NodeReplTest {
    private static final String NS = "js";
    private static final String SB = "repl";

    @RegisterExtension
    static final RunningDevServer dev = new RunningDevServer(builder -> builder.isolation(Bwrap.modeForTests()));

    @BeforeAll
    static void startSandbox() {
        assertThat(dev.client().start(NS, SB, "microsandbox/node").status()).isEqualTo(200);
    }

    @AfterAll
    static void stopSandbox() {
        dev.client().stop(NS, SB);
    }

    private static JsonNode run(String language, String code) {
        RpcClient.Answer answer = dev.client().repl(NS, SB, language, code);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.result();
    }

    @Test
    void run_globalAndConstSetEarlier_persist() {
        run("nodejs", "globalThis.y = 7;");
        run("nodejs", "const z = 1;");

        JsonNode result = run("nodejs", "console.log(y, z)");

        assertThat(lines(result, "stdout")).containsExactly("7 1");
        assertThat(result.get("language").asText()).isEqualTo("nodejs");
    }

    @Test
    void run_anyNodeLanguageName_isAccepted() {
        for (String language : new String[] {"node", "nodejs", "javascript", "JavaScript"}) {
            assertThat(lines(run(language, "console.log('hi')"), "stdout")).containsExactly("hi");
        }
    }

    @Test
    void run_uncaughtError_isReportedOnStdout() {
        JsonNode result = run("node", "throw new Error('boom')");

        assertThat(lines(result, "stdout")).containsExactly("Uncaught Error: boom");
    }

    @Test
    void run_multiLineFunction_works() {
        JsonNode result = run("node", "function twice(a) {\n  return a * 2;\n}\nconsole.log(twice(21))");

        assertThat(lines(result, "stdout")).containsExactly("42");
    }

    @Test
    void run_blankAndPromptLikeLines_areDroppedAsByThePortal() {
        JsonNode result = run("node", "console.log(''); console.log('> x'); console.log('kept')");

        assertThat(lines(result, "stdout")).containsExactly("kept");
    }

    @Test
    void run_consoleError_isOnStderr() {
        JsonNode result = run("node", "console.error('oops')");

        assertThat(lines(result, "stderr")).containsExactly("oops");
    }

    @Test
    void run_pythonInNodeSandbox_isInternalError() {
        assertThat(dev.client().repl(NS, SB, "python", "print(1)").status()).isEqualTo(500);
    }
}

package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code execute_code} end to end through the packaged adapter and dev server (session-less JSON-RPC, as curl sends
 * it): state kept per session in Python and Node, the user's exceptions as {@code isError} results with the traceback,
 * stderr alone not being an error, a template clash, and a timeout of code that ignores SIGINT, which resets the
 * session so that the next call does not wait behind the still-sleeping code ({@link InterruptIT} has the timeouts that
 * interrupt the code and keep the state).
 */
@Timeout(120)
final class CodeExecutionIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void executeCode_pythonSession_keepsVariablesBetweenCalls() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("py-state");

        McpResponse first = mcp.callTool("execute_code", Map.of("code", "x = 42", "session_id", session));
        McpResponse second = mcp.callTool("execute_code", Map.of("code", "print(x)", "session_id", session));

        assertThat(first.isError()).as(first.raw()).isFalse();
        assertThat(first.structured().path("session_created").asBoolean()).isTrue();
        assertThat(first.structured().path("template").asText()).isEqualTo("python");
        assertThat(second.isError()).as(second.raw()).isFalse();
        assertThat(second.structured().path("stdout").asText()).isEqualTo("42");
        assertThat(second.structured().path("session_created").asBoolean()).isFalse();
        assertThat(second.structured().path("session_id").asText()).isEqualTo(session);
        assertThat(second.text()).contains("42").contains(session);
        stop(session);
    }

    @Test
    void executeCode_nodeSession_keepsVariablesBetweenCalls() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("node-state");

        McpResponse first =
                mcp.callTool("execute_code", Map.of("code", "x = 42", "template", "node", "session_id", session));
        McpResponse second = mcp.callTool(
                "execute_code", Map.of("code", "console.log(x)", "template", "node", "session_id", session));

        assertThat(first.isError()).as(first.raw()).isFalse();
        assertThat(first.structured().path("template").asText()).isEqualTo("node");
        assertThat(second.isError()).as(second.raw()).isFalse();
        assertThat(second.structured().path("stdout").asText()).isEqualTo("42");
        assertThat(second.structured().path("session_created").asBoolean()).isFalse();
        stop(session);
    }

    @Test
    void executeCode_pythonRaises_isErrorResultWithTraceback() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("py-raise");

        McpResponse response = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "def divide(a, b):\n    return a / b\n\nprint('before')\ndivide(1, 0)\n",
                        "session_id",
                        session));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isError()).as(response.raw()).isTrue();
        JsonNode result = response.structured();
        assertThat(result.path("success").asBoolean()).isFalse();
        assertThat(result.path("stdout").asText()).isEqualTo("before");
        assertThat(result.path("stderr").asText())
                .contains("Traceback (most recent call last)")
                .contains("in divide")
                .contains("ZeroDivisionError: division by zero");
        assertThat(response.text()).contains("ZeroDivisionError");
        McpResponse after = mcp.callTool("execute_code", Map.of("code", "print(divide(6, 3))", "session_id", session));
        assertThat(after.structured().path("stdout").asText()).isEqualTo("2.0");
        stop(session);
    }

    @Test
    void executeCode_stderrWithoutException_isNotAnError() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("py-warn");

        McpResponse response = mcp.callTool(
                "execute_code",
                Map.of("code", "import sys\nprint('careful', file=sys.stderr)\nprint('done')", "session_id", session));

        assertThat(response.isError()).as(response.raw()).isFalse();
        assertThat(response.structured().path("success").asBoolean()).isTrue();
        assertThat(response.structured().path("stderr").asText()).contains("careful");
        assertThat(response.structured().path("stdout").asText()).isEqualTo("done");
        stop(session);
    }

    @Test
    void executeCode_otherTemplateThanTheSession_invalidArgumentNamingTheTemplate() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("py-only");
        mcp.callTool("execute_code", Map.of("code", "pass", "session_id", session));

        McpResponse response = mcp.callTool(
                "execute_code", Map.of("code", "console.log(1)", "template", "node", "session_id", session));

        assertThat(response.error().path("code").asInt()).isEqualTo(-32602);
        assertThat(response.errorCode()).isEqualTo("INVALID_ARGUMENT");
        assertThat(response.error().path("message").asText()).contains("python");
        stop(session);
    }

    @Test
    void executeCode_timeoutOfCodeIgnoringSigint_isErrorResetsSessionAndNextCallDoesNotWait() {
        McpHttp mcp = it.shared().mcp();
        DevServerProcess devServer = it.shared().devServer();
        String session = Sessions.newId("py-timeout");
        mcp.callTool("execute_code", Map.of("code", "marker = 'old sandbox'", "session_id", session));
        String sandboxBefore = sandboxName(mcp, session);

        long start = System.nanoTime();
        McpResponse timedOut = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(60)",
                        "timeout",
                        2,
                        "session_id",
                        session));
        Duration timeoutCall = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        McpResponse next = mcp.callTool(
                "execute_code", Map.of("code", "print('after the timeout')", "timeout", 30, "session_id", session));
        Duration nextCall = Duration.ofNanos(System.nanoTime() - start);

        assertThat(timedOut.isError()).as(timedOut.raw()).isTrue();
        assertThat(timedOut.structured().path("timed_out").asBoolean()).isTrue();
        assertThat(timedOut.structured().path("session_reset").asBoolean()).isTrue();
        assertThat(timedOut.structured().path("success").asBoolean()).isFalse();
        assertThat(timedOut.text()).contains("(reset)");
        assertThat(timeoutCall).isLessThan(Duration.ofSeconds(20));
        assertThat(next.isError()).as(next.raw()).isFalse();
        assertThat(next.structured().path("stdout").asText()).isEqualTo("after the timeout");
        assertThat(next.structured().path("session_id").asText()).isEqualTo(session);
        assertThat(nextCall).isLessThan(Duration.ofSeconds(15));
        assertThat(sandboxName(mcp, session)).isNotEqualTo(sandboxBefore);
        assertThat(devServer.running(SharedStack.NAMESPACE)).doesNotContain(sandboxBefore);
        McpResponse state = mcp.callTool("execute_code", Map.of("code", "print(marker)", "session_id", session));
        assertThat(state.structured().path("stderr").asText()).contains("NameError");
        stop(session);
    }

    @Test
    void executeCode_codeEndsTheInterpreter_isErrorSessionResetAndNextCallWorks() {
        McpHttp mcp = it.shared().mcp();
        String python = Sessions.newId("py-exit");
        String node = Sessions.newId("node-exit");
        mcp.callTool("execute_code", Map.of("code", "x = 1", "session_id", python));
        mcp.callTool("execute_code", Map.of("code", "x = 1", "template", "node", "session_id", node));

        McpResponse pythonExit =
                mcp.callTool("execute_code", Map.of("code", "import os; os._exit(3)", "session_id", python));
        McpResponse nodeExit =
                mcp.callTool("execute_code", Map.of("code", "process.exit(3)", "template", "node", "session_id", node));
        McpResponse pythonNext = mcp.callTool("execute_code", Map.of("code", "print('alive')", "session_id", python));
        McpResponse nodeNext = mcp.callTool(
                "execute_code", Map.of("code", "console.log('alive')", "template", "node", "session_id", node));

        for (McpResponse exit : List.of(pythonExit, nodeExit)) {
            assertThat(exit.isError()).as(exit.raw()).isTrue();
            assertThat(exit.structured().path("success").asBoolean()).isFalse();
            assertThat(exit.structured().path("session_reset").asBoolean()).isTrue();
            assertThat(exit.text()).contains("interpreter exited");
        }
        for (McpResponse next : List.of(pythonNext, nodeNext)) {
            assertThat(next.isError()).as(next.raw()).isFalse();
            assertThat(next.structured().path("stdout").asText()).isEqualTo("alive");
        }
        stop(python);
        stop(node);
    }

    @Test
    void executeCode_twoSessionsAtOnce_runInParallel() {
        McpHttp mcp = it.shared().mcp();
        String first = Sessions.newId("par-a");
        String second = Sessions.newId("par-b");
        mcp.callTool("execute_code", Map.of("code", "import time", "session_id", first));
        mcp.callTool("execute_code", Map.of("code", "import time", "session_id", second));

        long start = System.nanoTime();
        CompletableFuture<McpResponse> a = CompletableFuture.supplyAsync(
                () -> mcp.callTool("execute_code", Map.of("code", "time.sleep(3); print('a')", "session_id", first)));
        CompletableFuture<McpResponse> b = CompletableFuture.supplyAsync(
                () -> mcp.callTool("execute_code", Map.of("code", "time.sleep(3); print('b')", "session_id", second)));
        String outputs = a.join().structured().path("stdout").asText()
                + b.join().structured().path("stdout").asText();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);

        assertThat(outputs).isEqualTo("ab");
        assertThat(wall).as("two 3 s calls in two sessions").isLessThan(Duration.ofMillis(5500));
        stop(first);
        stop(second);
    }

    @Test
    void executeCode_sameSessionTwiceAtOnce_runOneAfterTheOtherInArrivalOrder() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("serial");
        mcp.callTool("execute_code", Map.of("code", "import time\nlog = []", "session_id", session));

        CompletableFuture<McpResponse> slow = CompletableFuture.supplyAsync(() -> mcp.callTool(
                "execute_code", Map.of("code", "time.sleep(2); log.append('slow')", "session_id", session)));
        Poll.until(
                "the slow call to run",
                Duration.ofSeconds(10),
                () -> "running"
                        .equals(mcp.callTool("get_sessions", Map.of("session_id", session))
                                .structured()
                                .path("sessions")
                                .get(0)
                                .path("status")
                                .asText()));
        McpResponse quick =
                mcp.callTool("execute_code", Map.of("code", "log.append('quick'); print(log)", "session_id", session));

        assertThat(slow.join().isError()).isFalse();
        assertThat(quick.structured().path("stdout").asText()).isEqualTo("['slow', 'quick']");
        stop(session);
    }

    private static String sandboxName(McpHttp mcp, String session) {
        McpResponse sessions = mcp.callTool("get_sessions", Map.of("session_id", session));
        return sessions.structured()
                .path("sessions")
                .get(0)
                .path("sandbox_name")
                .asText();
    }

    private static void stop(String session) {
        McpResponse stopped = it.shared().mcp().callTool("stop_session", Map.of("session_id", session));
        assertThat(stopped.structured().path("stopped").asBoolean())
                .as(stopped.raw())
                .isTrue();
    }
}

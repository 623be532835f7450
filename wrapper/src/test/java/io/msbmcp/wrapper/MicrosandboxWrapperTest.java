package io.msbmcp.wrapper;

import static io.msbmcp.wrapper.FakeMicrosandbox.err;
import static io.msbmcp.wrapper.FakeMicrosandbox.out;
import static io.msbmcp.wrapper.FakeMicrosandbox.replResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.errors.CodeExecutionException;
import io.msbmcp.errors.CommandExecutionException;
import io.msbmcp.errors.ErrorCode;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.errors.MsbException;
import io.msbmcp.errors.SandboxCreationException;
import io.msbmcp.errors.SessionNotFoundException;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.SandboxConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
final class MicrosandboxWrapperTest {
    private final FakeMicrosandbox server = new FakeMicrosandbox();
    private final FakeTicker ticker = new FakeTicker();
    private MicrosandboxWrapper wrapper =
            wrapper(WrapperConfig.builder().namespace("ns1").build());

    private MicrosandboxWrapper wrapper(WrapperConfig config) {
        return MicrosandboxWrapper.builder(config)
                .client(server)
                .ticker(ticker)
                .clock(Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC))
                .stopExecutor(Runnable::run)
                .build();
    }

    @AfterEach
    void tearDown() {
        wrapper.close();
    }

    private static ExecuteCodeRequest code(String code, String sessionId) {
        return new ExecuteCodeRequest(code, Template.PYTHON, sessionId, null, null, List.of());
    }

    @Test
    void executeCode_noSessionId_createsSessionWithServerMadeIdAndStartsSandbox() {
        server.repl = params -> replResult(List.of(out("hello")));

        CodeExecutionResult result = wrapper.executeCode(ExecuteCodeRequest.of("print('hello')", Template.PYTHON));

        assertThat(result.sessionCreated()).isTrue();
        assertThat(result.sessionId()).matches("[0-9a-f]{32}");
        assertThat(result.stdout()).isEqualTo("hello");
        assertThat(result.success()).isTrue();
        assertThat(result.flavor()).isEqualTo(Flavor.SMALL);
        assertThat(server.startConfigs).containsExactly(new SandboxConfig("microsandbox/python", 1024, 1, List.of()));
        assertThat(server.running("ns1")).singleElement().asString().startsWith(result.sessionId() + "-");
        assertThat(FakeMicrosandbox.userCode(server.replRuns.get(0))).isEqualTo("print('hello')");
        assertThat(server.replRuns.get(0).language()).isEqualTo("python");
        // the watchdog stops the code at 300 s; the server's own timeout comes after the interrupt's grace (3 s) + 2 s
        assertThat(server.replRuns.get(0).timeout()).isEqualTo(305L);
    }

    @Test
    void executeCode_nodeLargeFlavorAndVolumes_startsMatchingSandbox() {
        wrapper.close();
        wrapper = wrapper(WrapperConfig.builder()
                .namespace("ns1")
                .volumeMappings(List.of(new VolumeMapping("/srv/data", "/data")))
                .build());

        CodeExecutionResult result = wrapper.executeCode(
                new ExecuteCodeRequest("1", Template.NODE, null, Flavor.LARGE, Duration.ofSeconds(5), List.of()));

        assertThat(server.startConfigs)
                .containsExactly(new SandboxConfig("microsandbox/node", 4096, 4, List.of("/srv/data:/data")));
        assertThat(server.replRuns.get(0).language()).isEqualTo("nodejs");
        assertThat(server.replRuns.get(0).timeout()).isEqualTo(10L);
        assertThat(result.template()).isEqualTo(Template.NODE);
    }

    @Test
    void executeCode_liveSessionId_reusesSessionAndSandbox() {
        CodeExecutionResult first = wrapper.executeCode(ExecuteCodeRequest.of("x = 42", Template.PYTHON));

        CodeExecutionResult second = wrapper.executeCode(code("print(x)", first.sessionId()));

        assertThat(second.sessionCreated()).isFalse();
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(server.starts).hasValue(1);
        assertThat(server.replRuns)
                .extracting(r -> r.sandbox())
                .containsOnly(server.replRuns.get(0).sandbox());
    }

    @Test
    void executeCode_unknownSessionId_createsSessionUnderThatId() {
        CodeExecutionResult result = wrapper.executeCode(code("1", "my-session_1"));

        assertThat(result.sessionId()).isEqualTo("my-session_1");
        assertThat(result.sessionCreated()).isTrue();
        assertThat(server.running("ns1")).singleElement().asString().startsWith("my-session_1-");
    }

    @Test
    void executeCode_otherTemplateOnLiveSession_throwsInvalidArgumentNamingSessionTemplate() {
        wrapper.executeCode(code("1", "s1"));

        assertThatThrownBy(() ->
                        wrapper.executeCode(new ExecuteCodeRequest("1", Template.NODE, "s1", null, null, List.of())))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.field()).isEqualTo("template");
                    assertThat(e.getMessage()).contains("'python'");
                    assertThat(e.jsonRpcCode()).isEqualTo(-32602);
                });
        assertThat(wrapper.getSessions("s1").get(0).status()).isEqualTo(SessionStatus.READY);
    }

    @Test
    void executeCode_liveNodeSessionWithoutTemplate_runsInThatSession() {
        CodeExecutionResult first =
                wrapper.executeCode(new ExecuteCodeRequest("x = 1", Template.NODE, "n1", null, null, List.of()));

        CodeExecutionResult second =
                wrapper.executeCode(new ExecuteCodeRequest("console.log(x)", null, "n1", null, null, List.of()));

        assertThat(second.sessionCreated()).isFalse();
        assertThat(second.template()).isEqualTo(Template.NODE);
        assertThat(server.replRuns).extracting(r -> r.language()).containsExactly("nodejs", "nodejs");
        assertThat(first.sessionId()).isEqualTo(second.sessionId());
    }

    @Test
    void executeCode_newSessionWithoutTemplate_isPython() {
        CodeExecutionResult result =
                wrapper.executeCode(new ExecuteCodeRequest("1", null, "p1", null, null, List.of()));

        assertThat(result.template()).isEqualTo(Template.PYTHON);
        assertThat(server.startConfigs.get(0).image()).isEqualTo("microsandbox/python");
    }

    @Test
    void executeCode_liveSessionWithOtherFlavor_keepsItsFlavor() {
        wrapper.executeCode(new ExecuteCodeRequest("1", Template.PYTHON, "f1", Flavor.SMALL, null, List.of()));

        CodeExecutionResult again =
                wrapper.executeCode(new ExecuteCodeRequest("1", Template.PYTHON, "f1", Flavor.LARGE, null, List.of()));

        assertThat(again.sessionCreated()).isFalse();
        assertThat(again.flavor()).isEqualTo(Flavor.SMALL);
        assertThat(server.starts).hasValue(1);
    }

    @Test
    void executeCode_stderrWarningOnly_isSuccess() {
        server.repl = params -> replResult(List.of(out("ok"), err("<code>:1: UserWarning: careful")));

        CodeExecutionResult result = wrapper.executeCode(code("warn()", "s1"));

        assertThat(result.success()).isTrue();
        assertThat(result.stderr()).contains("UserWarning");
    }

    @Test
    void executeCode_runnerReportsFailure_isNotSuccessAndMarkIsRemoved() {
        server.repl = params -> replResult(List.of(
                out("before"),
                err("Traceback (most recent call last):"),
                err("ZeroDivisionError: division by zero"),
                out(FakeMicrosandbox.failureMark(params))));

        CodeExecutionResult result = wrapper.executeCode(code("1/0", "s1"));

        assertThat(result.success()).isFalse();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).isEqualTo("before");
        assertThat(result.stderr())
                .isEqualTo("Traceback (most recent call last):\nZeroDivisionError: division by zero");
    }

    @Test
    void executeCode_failureMarkAfterOutputWithoutNewline_keepsTheOutput() {
        server.repl = params -> replResult(List.of(
                out("name? " + FakeMicrosandbox.failureMark(params)), err("EOFError: EOF when reading a line")));

        CodeExecutionResult result = wrapper.executeCode(code("input('name? ')", "s1"));

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).isEqualTo("name? ");
    }

    @Test
    void executeCode_markOfAnotherCallInOutput_isPlainOutput() {
        server.repl = params -> replResult(List.of(out("__msb_failed_000000000000000000000000")));

        CodeExecutionResult result = wrapper.executeCode(code("print('x')", "s1"));

        assertThat(result.success()).isTrue();
        assertThat(result.stdout()).isEqualTo("__msb_failed_000000000000000000000000");
    }

    @Test
    void executeCode_replTimeout_resetsSessionAndNextCallRunsInFreshSandbox() {
        server.repl = params -> replResult(List.of(out("partial"), err("Error: Execution timed out after 2 seconds")));
        CodeExecutionResult timedOut = wrapper.executeCode(new ExecuteCodeRequest(
                "while True: pass", Template.PYTHON, "s1", null, Duration.ofSeconds(2), List.of()));
        String firstSandbox = server.replRuns.get(0).sandbox();
        server.repl = params -> replResult(List.of(out("fine")));

        CodeExecutionResult next = wrapper.executeCode(code("print('fine')", "s1"));

        assertThat(timedOut.success()).isFalse();
        assertThat(timedOut.timedOut()).isTrue();
        assertThat(timedOut.sessionReset()).isTrue();
        assertThat(server.isRunning("ns1", firstSandbox)).isFalse();
        assertThat(next.success()).isTrue();
        assertThat(next.sessionCreated()).isFalse();
        assertThat(server.replRuns.get(1).sandbox()).isNotEqualTo(firstSandbox).startsWith("s1-");
        assertThat(server.running("ns1")).containsExactly(server.replRuns.get(1).sandbox());
    }

    @Test
    void executeCode_replEngineUnavailable_failsResetsSessionAndNextCallRunsInFreshSandbox() {
        server.repl = params -> replResult(List.of(err("Error: Engine unavailable: Python process channel closed")));
        CodeExecutionResult dead = wrapper.executeCode(code("import os; os._exit(1)", "s1"));
        String firstSandbox = server.replRuns.get(0).sandbox();
        server.repl = params -> replResult(List.of(out("fine")));

        CodeExecutionResult next = wrapper.executeCode(code("print('fine')", "s1"));

        assertThat(dead.success()).isFalse();
        assertThat(dead.timedOut()).isFalse();
        assertThat(dead.sessionReset()).isTrue();
        assertThat(dead.stderr()).contains("Engine unavailable");
        assertThat(server.isRunning("ns1", firstSandbox)).isFalse();
        assertThat(next.success()).isTrue();
        assertThat(next.stdout()).isEqualTo("fine");
        assertThat(server.replRuns.get(1).sandbox()).isNotEqualTo(firstSandbox).startsWith("s1-");
    }

    @Test
    void executeCode_engineUnavailableLineNotLast_isPlainOutput() {
        server.repl = params -> replResult(List.of(err("Error: Engine unavailable: quoted"), err("more")));

        CodeExecutionResult result = wrapper.executeCode(code("warn()", "s1"));

        assertThat(result.success()).isTrue();
        assertThat(result.sessionReset()).isFalse();
    }

    @Test
    void executeCode_startFails_throwsSandboxCreationAndReleasesTheSession() {
        server.startFailure = new SandboxApiException("sandbox.start", 500, 5002, "Internal server error");

        assertThatThrownBy(() -> wrapper.executeCode(code("1", "s1")))
                .isInstanceOfSatisfying(SandboxCreationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SANDBOX_CREATION_ERROR);
                    assertThat(e.getMessage()).contains("'s1'").contains("HTTP 500");
                });
        assertThat(wrapper.health().activeSessions()).isZero();
        server.startFailure = null;
        assertThat(wrapper.executeCode(code("1", "s1")).sessionCreated()).isTrue();
    }

    @Test
    void executeCode_startTimedOut_stopsTheSandboxInCaseItStartedAfterAll() {
        server.startFailure =
                io.msbmcp.errors.ConnectionException.timedOut("http://fake", "sandbox.start", Duration.ofSeconds(210));

        assertThatThrownBy(() -> wrapper.executeCode(code("1", "s1")))
                .isInstanceOf(io.msbmcp.errors.ConnectionException.class);

        assertThat(server.calls).anyMatch(c -> c.startsWith("stop s1-"));
    }

    @Test
    void executeCode_startRefusedByOpenBreaker_sendsNoStop() {
        server.startFailure = io.msbmcp.errors.ConnectionException.circuitOpen("http://fake", Duration.ofSeconds(10));

        assertThatThrownBy(() -> wrapper.executeCode(code("1", "s1")))
                .isInstanceOf(io.msbmcp.errors.ConnectionException.class);

        assertThat(server.calls).noneMatch(c -> c.startsWith("stop"));
        assertThat(wrapper.health().activeSessions()).isZero();
    }

    @Test
    void executeCode_sandboxGone_nextCallStartsAFreshSandboxAndSaysSessionReset() {
        CodeExecutionResult first = wrapper.executeCode(code("x = 1", "s1"));
        server.kill("ns1", server.replRuns.get(0).sandbox());

        CodeExecutionResult again = wrapper.executeCode(code("print(x)", "s1"));

        assertThat(first.sessionCreated()).isTrue();
        assertThat(again.sessionCreated()).isFalse();
        assertThat(again.sessionReset()).isTrue();
        assertThat(again.resetReason()).contains("no longer running").contains("state is gone");
        assertThat(server.starts).hasValue(2);
        assertThat(server.replRuns.get(1).sandbox())
                .isNotEqualTo(server.replRuns.get(0).sandbox());
    }

    @Test
    void executeCode_replReplacedBehindOurBack_saysSessionResetWithAReason() {
        wrapper.executeCode(code("x = 1", "s1"));
        server.replaceRepl(server.replRuns.get(0).sandbox());

        CodeExecutionResult lost = wrapper.executeCode(code("print(x)", "s1"));
        CodeExecutionResult next = wrapper.executeCode(code("print(1)", "s1"));

        assertThat(lost.sessionReset()).isTrue();
        assertThat(lost.resetReason()).contains("interpreter was replaced");
        assertThat(next.sessionReset()).isFalse();
        assertThat(next.resetReason()).isNull();
        assertThat(server.starts).hasValue(1);
    }

    @Test
    void executeCode_stateIntact_isNotReset() {
        wrapper.executeCode(code("x = 1", "s1"));

        CodeExecutionResult second = wrapper.executeCode(code("print(x)", "s1"));

        assertThat(second.sessionReset()).isFalse();
        assertThat(server.replRuns).extracting(FakeMicrosandbox::checksState).containsExactly(false, true);
    }

    @Test
    void executeCode_server500WhileSandboxRuns_throwsReplFailedAndKeepsSession() {
        wrapper.executeCode(code("1", "s1"));
        server.repl = params -> {
            throw new SandboxApiException("sandbox.repl.run", 500, 5002, "Internal server error");
        };

        assertThatThrownBy(() -> wrapper.executeCode(code("1", "s1")))
                .isInstanceOfSatisfying(
                        CodeExecutionException.class,
                        e -> assertThat(e.getMessage()).contains("Code execution in session 's1' failed"));
        assertThat(wrapper.getSessions("s1")).hasSize(1);
    }

    @Test
    void executeCode_dependencies_installedOncePerSessionAndPutOnModulePath() {
        server.command = params -> new CommandRunResult(
                params.command(), params.args(), 0, true, List.of(out("__MSB_PACKAGES__=/work/.msb-mcp/python")));
        ExecuteCodeRequest withDeps =
                new ExecuteCodeRequest("import six", Template.PYTHON, "s1", null, null, List.of("six==1.16.0"));

        wrapper.executeCode(withDeps);
        wrapper.executeCode(withDeps);

        assertThat(server.commandRuns).singleElement().satisfies(run -> {
            List<String> install = FakeMicrosandbox.launched(run);
            assertThat(install.subList(0, 2)).containsExactly("sh", "-c");
            assertThat(install.get(2)).contains("python3 -m pip install").contains("\"$@\"");
            assertThat(install.subList(3, install.size())).containsExactly("sh", "six==1.16.0");
        });
        assertThat(server.replRuns.get(1).code())
                .contains(java.util.Base64.getEncoder().encodeToString("/work/.msb-mcp/python".getBytes()));
    }

    @Test
    void executeCode_dependencyInstallFails_throwsCodeExecutionWithOutput() {
        server.command = params -> new CommandRunResult(
                params.command(), params.args(), 1, false, List.of(err("ERROR: No matching distribution for nope")));

        assertThatThrownBy(() -> wrapper.executeCode(
                        new ExecuteCodeRequest("1", Template.PYTHON, "s1", null, null, List.of("nope"))))
                .isInstanceOfSatisfying(CodeExecutionException.class, e -> {
                    assertThat(e.getMessage()).contains("No matching distribution");
                    assertThat(e.context()).containsEntry("dependencies", List.of("nope"));
                });
        assertThat(server.replRuns).isEmpty();
    }

    @Test
    void executeCommand_lineWithWorkdirAndEnv_runsThroughEnvAndShWithoutSplicing() {
        server.command = params -> new CommandRunResult(params.command(), params.args(), 3, false, List.of(out("a")));

        CommandExecutionResult result = wrapper.executeCommand(new ExecuteCommandRequest(
                "ls | grep x && echo $FOO", Template.PYTHON, "s1", null, null, "/tmp/a b", Map.of("FOO", "x y")));

        assertThat(server.commandRuns).singleElement().satisfies(run -> {
            assertThat(run.command()).isEqualTo("sh");
            assertThat(run.args().get(1)).contains("setsid -w");
            assertThat(FakeMicrosandbox.launched(run))
                    .containsExactly(
                            "env",
                            "FOO=x y",
                            "sh",
                            "-c",
                            "cd -- \"$1\" && exec sh -c \"$2\"",
                            "sh",
                            "/tmp/a b",
                            "ls | grep x && echo $FOO");
        });
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).isEqualTo("a");
        assertThat(result.command()).isEqualTo("ls | grep x && echo $FOO");
    }

    @Test
    void executeCommand_plainLine_runsShDashC() {
        wrapper.executeCommand(ExecuteCommandRequest.of("echo hi > f.txt", Template.PYTHON));

        assertThat(FakeMicrosandbox.launched(server.commandRuns.get(0))).containsExactly("sh", "-c", "echo hi > f.txt");
    }

    @Test
    void executeCommand_server500AfterTheTimeout_isATimedOutResult() {
        server.command = params -> {
            sleep(1100);
            throw new SandboxApiException("sandbox.command.run", 500, 5002, "Internal server error");
        };

        CommandExecutionResult result = wrapper.executeCommand(new ExecuteCommandRequest(
                "sleep 100", Template.PYTHON, "s1", null, Duration.ofSeconds(1), null, Map.of()));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isNull();
        assertThat(result.success()).isFalse();
        assertThat(result.stderr()).contains("timed out after 1 seconds");
    }

    @Test
    void executeCommand_server500BeforeTheTimeout_throwsCommandExecution() {
        wrapper.executeCommand(ExecuteCommandRequest.of("true", Template.PYTHON));
        String sessionId = wrapper.getSessions(null).get(0).sessionId();
        server.command = params -> {
            throw new SandboxApiException("sandbox.command.run", 500, 5002, "Internal server error");
        };

        assertThatThrownBy(() -> wrapper.executeCommand(
                        new ExecuteCommandRequest("nope", Template.PYTHON, sessionId, null, null, null, Map.of())))
                .isInstanceOf(CommandExecutionException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void stopSession_liveSession_stopsSandboxAndForgetsSession() {
        wrapper.executeCode(code("1", "s1"));

        StopSessionResult result = wrapper.stopSession("s1");

        assertThat(result).isEqualTo(new StopSessionResult("s1", true));
        assertThat(server.running("ns1")).isEmpty();
        assertThatThrownBy(() -> wrapper.getSessions("s1")).isInstanceOf(SessionNotFoundException.class);
        assertThat(wrapper.health().activeSessions()).isZero();
    }

    @Test
    void stopSession_unknownId_throwsSessionNotFoundWithMinus32602() {
        assertThatThrownBy(() -> wrapper.stopSession("nope"))
                .isInstanceOfSatisfying(SessionNotFoundException.class, e -> {
                    assertThat(e.jsonRpcCode()).isEqualTo(-32602);
                    assertThat(e.getMessage()).isEqualTo("Session 'nope' not found");
                });
    }

    @Test
    void getSessions_live_showsEveryField() {
        wrapper.executeCode(code("1", "s1"));
        wrapper.executeCommand(new ExecuteCommandRequest("true", Template.PYTHON, "s1", null, null, null, Map.of()));

        SessionInfo info = wrapper.getSessions(null).get(0);

        assertThat(info.sessionId()).isEqualTo("s1");
        assertThat(info.template()).isEqualTo(Template.PYTHON);
        assertThat(info.flavor()).isEqualTo(Flavor.SMALL);
        assertThat(info.status()).isEqualTo(SessionStatus.READY);
        assertThat(info.namespace()).isEqualTo("ns1");
        assertThat(info.sandboxName()).startsWith("s1-");
        assertThat(info.executions()).isEqualTo(2);
        assertThat(info.expiresAt()).isEqualTo(info.lastAccessed().plusSeconds(1800));
    }

    @Test
    void getSessions_malformedId_throwsInvalidArgument() {
        assertThatThrownBy(() -> wrapper.getSessions("bad id!"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.field()).isEqualTo("session_id"));
    }

    @Test
    void memoryLimit_secondLargeSessionOverLimit_isRefusedAndReuseIsNot() {
        wrapper.close();
        wrapper = wrapper(
                WrapperConfig.builder().namespace("ns1").maxTotalMemoryMb(6000L).build());
        ExecuteCodeRequest large = new ExecuteCodeRequest("1", Template.PYTHON, "big", Flavor.LARGE, null, List.of());
        wrapper.executeCode(large);

        assertThatThrownBy(() -> wrapper.executeCode(
                        new ExecuteCodeRequest("1", Template.PYTHON, "big2", Flavor.LARGE, null, List.of())))
                .isInstanceOfSatisfying(MsbException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
                    assertThat(e.context()).containsEntry("limit_memory_mb", 6000L);
                });
        assertThat(wrapper.executeCode(large).sessionCreated()).isFalse();
        assertThat(wrapper.executeCode(code("1", "small1")).sessionCreated()).isTrue();
    }

    @Test
    void health_serverDown_reportsDisconnectedWithFigures() {
        wrapper.executeCode(code("1", "s1"));
        server.down = true;

        HealthReport report = wrapper.health();

        assertThat(report.connected()).isFalse();
        assertThat(report.activeSessions()).isEqualTo(1);
        assertThat(report.maxSessions()).isEqualTo(10);
        assertThat(report.memoryInUseMb()).isEqualTo(1024);
        assertThat(report.namespace()).isEqualTo("ns1");
    }

    @Test
    void close_withLiveSessions_stopsEverySandboxAndRefusesNewWork() {
        for (int i = 0; i < 5; i++) {
            wrapper.executeCode(code("1", "s" + i));
        }
        assertThat(server.running("ns1")).hasSize(5);

        wrapper.close();

        assertThat(server.running("ns1")).isEmpty();
        assertThatThrownBy(() -> wrapper.executeCode(code("1", "s9")))
                .isInstanceOfSatisfying(
                        MsbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_ERROR));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

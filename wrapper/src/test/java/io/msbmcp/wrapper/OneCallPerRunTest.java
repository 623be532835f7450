package io.msbmcp.wrapper;

import static io.msbmcp.wrapper.FakeMicrosandbox.out;
import static io.msbmcp.wrapper.FakeMicrosandbox.replResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.errors.CodeExecutionException;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.files.ArtifactFile;
import io.msbmcp.wrapper.model.ReplRunParams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@code execute_code} is one backend call: the state check and the artifact scan travel in the run's own {@code
 * sandbox.repl.run}. Lost state and a gone sandbox, the only cases of a second run, and the runner's tag lines, which
 * never reach the caller's stdout.
 */
@Timeout(30)
final class OneCallPerRunTest {
    private static final Pattern MARKER = Pattern.compile("'([0-9a-f]{24})', (True|False|true|false), '");
    private static final String PNG_HEX = "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489";

    private final FakeMicrosandbox server = new FakeMicrosandbox();
    private MicrosandboxWrapper wrapper =
            wrapper(WrapperConfig.builder().namespace("ns1").build());

    private MicrosandboxWrapper wrapper(WrapperConfig config) {
        return MicrosandboxWrapper.builder(config)
                .client(server)
                .ticker(new FakeTicker())
                .clock(Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC))
                .stopExecutor(Runnable::run)
                .build();
    }

    @AfterEach
    void tearDown() {
        wrapper.close();
    }

    private static ExecuteCodeRequest code(String code, String sessionId, boolean collectFiles) {
        return new ExecuteCodeRequest(code, Template.PYTHON, sessionId, null, null, List.of(), collectFiles);
    }

    private static String marker(ReplRunParams params) {
        Matcher matcher = MARKER.matcher(params.code());
        assertThat(matcher.find()).as("a state marker in " + params.code()).isTrue();
        return matcher.group(1);
    }

    private static String report(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void executeCode_normalRunsWithFileCollection_areOneBackendCallEach() {
        wrapper.executeCode(code("x = 1", "s1", true));
        int afterFirst = server.runs().size();
        wrapper.executeCode(code("print(x)", "s1", true));
        wrapper.executeCode(code("print(x)", "s1", false));

        assertThat(afterFirst).isEqualTo(1);
        assertThat(server.runs()).hasSize(3).allMatch(run -> run.startsWith("repl "));
        assertThat(server.commandRuns).isEmpty();
        assertThat(server.replRuns)
                .extracting(FakeMicrosandbox::scan)
                .satisfiesExactly(
                        scan -> assertThat(scan).startsWith("4 50 5 "),
                        scan -> assertThat(scan).isNotEmpty(),
                        scan -> assertThat(scan).isEmpty());
    }

    @Test
    void executeCode_laterRuns_checkTheMarkerTheFirstRunPlanted() {
        wrapper.executeCode(code("x = 1", "s1", false));
        wrapper.executeCode(code("print(x)", "s1", false));
        wrapper.executeCode(code("print(x)", "s1", false));

        assertThat(server.replRuns).extracting(FakeMicrosandbox::checksState).containsExactly(false, true, true);
        assertThat(server.replRuns).extracting(OneCallPerRunTest::marker).containsOnly(marker(server.replRuns.get(0)));
        assertThat(server.lostRuns).isEmpty();
    }

    @Test
    void executeCode_replReplaced_resetsReportsTheReasonAndRunsTheCodeInTwoCalls() {
        wrapper.executeCode(code("x = 1", "s1", false));
        String sandbox = server.replRuns.get(0).sandbox();
        server.replaceRepl(sandbox);
        int before = server.runs().size();
        server.repl = params -> replResult(List.of(out("ran " + FakeMicrosandbox.userCode(params))));

        CodeExecutionResult lost = wrapper.executeCode(code("print(x)", "s1", true));
        int lostCalls = server.runs().size() - before;
        CodeExecutionResult next = wrapper.executeCode(code("print(2)", "s1", false));

        assertThat(lostCalls).isEqualTo(2);
        assertThat(server.lostRuns).containsExactly(sandbox);
        assertThat(lost.sessionReset()).isTrue();
        assertThat(lost.resetReason()).contains("interpreter was replaced").contains("state is gone");
        assertThat(lost.stdout()).isEqualTo("ran print(x)").doesNotContain("__msb");
        ReplRunParams rerun = server.replRuns.get(1);
        assertThat(FakeMicrosandbox.checksState(rerun)).isFalse();
        assertThat(marker(rerun)).isNotEqualTo(marker(server.replRuns.get(0)));
        assertThat(FakeMicrosandbox.scan(rerun)).isNotEmpty();
        assertThat(next.sessionReset()).isFalse();
        assertThat(FakeMicrosandbox.checksState(server.replRuns.get(2))).isTrue();
        assertThat(marker(server.replRuns.get(2))).isEqualTo(marker(rerun));
        assertThat(server.starts).hasValue(1);
    }

    @Test
    void executeCode_replReplacedWithDependencies_installsThemAgainBeforeTheRerun() {
        server.command = params -> new io.msbmcp.wrapper.model.CommandRunResult(
                params.command(), params.args(), 0, true, List.of(out("__MSB_PACKAGES__=/work/.msb-mcp/python")));
        wrapper.executeCode(new ExecuteCodeRequest("1", Template.PYTHON, "s1", null, null, List.of("requests")));
        server.replaceRepl(server.replRuns.get(0).sandbox());

        CodeExecutionResult lost = wrapper.executeCode(
                new ExecuteCodeRequest("import requests", Template.PYTHON, "s1", null, null, List.of("requests")));

        assertThat(lost.sessionReset()).isTrue();
        assertThat(server.commandRuns).hasSize(2);
        assertThat(server.calls.subList(server.calls.size() - 3, server.calls.size()))
                .satisfiesExactly(
                        c -> assertThat(c).startsWith("repl "),
                        c -> assertThat(c).startsWith("command "),
                        c -> assertThat(c).startsWith("repl "));
    }

    @Test
    void executeCode_sandboxGoneBetweenCalls_startsANewOneAndRunsTheCodeThere() {
        wrapper.executeCode(code("x = 1", "s1", false));
        String old = server.replRuns.get(0).sandbox();
        server.kill("ns1", old);
        server.repl = params -> replResult(List.of(out("fresh")));

        CodeExecutionResult again = wrapper.executeCode(code("print(x)", "s1", true));

        assertThat(again.sessionReset()).isTrue();
        assertThat(again.resetReason()).contains("no longer running").contains("state is gone");
        assertThat(again.stdout()).isEqualTo("fresh");
        assertThat(again.sessionCreated()).isFalse();
        assertThat(server.starts).hasValue(2);
        assertThat(server.runs()).hasSize(3);
        ReplRunParams rerun = server.replRuns.get(1);
        assertThat(rerun.sandbox()).isNotEqualTo(old);
        assertThat(FakeMicrosandbox.checksState(rerun)).isFalse();
        assertThat(wrapper.executeCode(code("1", "s1", false)).sessionReset()).isFalse();
    }

    @Test
    void executeCode_sandboxStartedByThisCallFailsAndIsGone_throwsAsBeforeWithoutARerun() {
        server.repl = params -> {
            server.kill("ns1", params.sandbox());
            throw new SandboxApiException("sandbox.repl.run", 500, 5002, "Internal server error");
        };

        assertThatThrownBy(() -> wrapper.executeCode(code("1", "s1", true)))
                .isInstanceOfSatisfying(
                        CodeExecutionException.class,
                        e -> assertThat(e.getMessage()).contains("s1"));
        assertThat(server.runs()).hasSize(1);
        assertThat(server.starts).hasValue(1);
    }

    @Test
    void executeCode_serverErrorWhileTheSandboxRuns_isThrownWithoutARerun() {
        wrapper.executeCode(code("1", "s1", false));
        server.repl = params -> {
            throw new SandboxApiException("sandbox.repl.run", 500, 5002, "Internal server error");
        };

        assertThatThrownBy(() -> wrapper.executeCode(code("1", "s1", true))).isInstanceOf(CodeExecutionException.class);
        assertThat(server.runs()).hasSize(2);
        assertThat(server.starts).hasValue(1);
    }

    @Test
    void executeCode_filesReported_becomeTheResultsFilesAndTheTagLineIsTakenOut() {
        server.repl = params -> replResult(List.of(
                out("hello"),
                out("partial" + FakeMicrosandbox.filesTag(params) + " "
                        + report("{\"home\":\"/root\",\"files\":[[\"out/b.csv\",4,1764500000.25],"
                                + "[\"chart.png\",33,1764500000.5]],\"images\":{\"chart.png\":\""
                                + Base64.getEncoder()
                                        .encodeToString(HexFormat.of().parseHex(PNG_HEX)) + "\"}}"))));

        CodeExecutionResult result = wrapper.executeCode(code("draw()", "s1", true));

        assertThat(result.stdout()).isEqualTo("hello\npartial");
        assertThat(result.files())
                .extracting(ArtifactFile::relativePath, ArtifactFile::path, ArtifactFile::size, ArtifactFile::mimeType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chart.png", "/root/chart.png", 33L, "image/png"),
                        org.assertj.core.groups.Tuple.tuple("out/b.csv", "/root/out/b.csv", 4L, "text/csv"));
        assertThat(result.files().get(0).image()).isEqualTo(HexFormat.of().parseHex(PNG_HEX));
        assertThat(result.files().get(0).modified()).isEqualTo(Instant.ofEpochSecond(1764500000L, 500_000_000L));
        assertThat(result.files().get(1).image()).isNull();
    }

    @Test
    void executeCode_filesLineAfterTheFailureMark_keepsTheFailureAndTheFiles() {
        server.repl = params -> replResult(List.of(
                out("oops" + FakeMicrosandbox.failureMark(params)),
                out(FakeMicrosandbox.filesTag(params) + " "
                        + report("{\"home\":\"/\",\"files\":[[\"a.txt\",1,1764500000]],\"images\":{}}"))));

        CodeExecutionResult result = wrapper.executeCode(code("boom()", "s1", true));

        assertThat(result.success()).isFalse();
        assertThat(result.stdout()).isEqualTo("oops");
        assertThat(result.files()).extracting(ArtifactFile::path).containsExactly("/a.txt");
    }

    @Test
    void executeCode_malformedFilesLines_yieldNoFilesAndNeverLeak() {
        List<String> payloads = List.of(
                "not base64!",
                report("not json"),
                report("{\"files\":[]}"),
                report("{\"home\":\"/root\",\"files\":{}}"),
                "");
        for (String payload : payloads) {
            server.repl = params ->
                    replResult(List.of(out("a"), out(FakeMicrosandbox.filesTag(params) + " " + payload), out("b")));

            CodeExecutionResult result = wrapper.executeCode(code("1", "s1", true));

            assertThat(result.stdout()).as(payload).isEqualTo("a\nb");
            assertThat(result.files()).as(payload).isEmpty();
            assertThat(result.success()).isTrue();
        }
    }

    @Test
    void executeCode_malformedEntries_areSkippedAndTheRestKept() {
        server.repl = params -> replResult(List.of(out(FakeMicrosandbox.filesTag(params) + " "
                + report("{\"home\":\"/w\",\"files\":[[\"\",1,1],[\"x\",\"big\",1],[\"y\",1],\"z\","
                        + "[\"ok.txt\",2,1764500000.125]],\"images\":{\"ok.txt\":\"aGk=\"}}"))));

        CodeExecutionResult result = wrapper.executeCode(code("1", "s1", true));

        assertThat(result.files()).singleElement().satisfies(file -> {
            assertThat(file.path()).isEqualTo("/w/ok.txt");
            assertThat(file.image()).isNull(); // bytes that are no picture are not shown as one
        });
    }

    @Test
    void executeCode_tagsOfAnotherRunOrPrintedByTheCode_stayInStdout() {
        server.repl = params -> replResult(List.of(out("__msb_files_0123 abc"), out("__msb_lost_0123")));

        CodeExecutionResult result = wrapper.executeCode(code("1", "s1", true));

        assertThat(result.stdout()).isEqualTo("__msb_files_0123 abc\n__msb_lost_0123");
        assertThat(result.files()).isEmpty();
        assertThat(result.sessionReset()).isFalse();
    }

    @Test
    void executeCode_noTagLines_meansNoFilesAndStateIntact() {
        wrapper.executeCode(code("1", "s1", true));

        CodeExecutionResult result = wrapper.executeCode(code("1", "s1", true));

        assertThat(result.files()).isEmpty();
        assertThat(result.sessionReset()).isFalse();
        assertThat(server.runs()).hasSize(2);
    }

    @Test
    void executeCode_largeFilesLine_neverCountsAgainstTheOutputCap() {
        wrapper.close();
        wrapper = wrapper(
                WrapperConfig.builder().namespace("ns1").maxOutputBytes(64).build());
        String many = "x".repeat(200);
        server.repl = params -> replResult(List.of(
                out("short"),
                out(FakeMicrosandbox.filesTag(params) + " "
                        + report("{\"home\":\"/w\",\"files\":[[\"" + many + "\",1,1764500000]],\"images\":{}}"))));

        CodeExecutionResult result = wrapper.executeCode(code("1", "s1", true));

        assertThat(result.stdout()).isEqualTo("short");
        assertThat(result.truncated()).isFalse();
        assertThat(result.files()).extracting(ArtifactFile::relativePath).containsExactly(many);
    }
}

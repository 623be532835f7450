package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Long calls, progress and cancellation through two official TypeScript clients, against an adapter of its own (on
 * the shared dev server) that sends progress every {@value #PROGRESS_INTERVAL_SECONDS} s ({@code
 * MCP_PROGRESS_INTERVAL}) and maps a host folder to {@code /shared}:
 *
 * <ul>
 *   <li>{@code @modelcontextprotocol/client} 2.4.0 pinned to 2026-07-28 ({@code clients/modern-client.mjs}): list,
 *       call, a call with {@code onprogress}, and an aborted call (the client closes the call's response stream);
 *   <li>{@code @modelcontextprotocol/sdk} 1.32.2, 2025-11-25 era ({@code clients/sdk-long-call.mjs}): a
 *       {@value #LONG_CALL_SECONDS}-s call with {@code onprogress}, {@code resetTimeoutOnProgress: true} and a 10-s
 *       timeout, and an aborted call (the SDK sends {@code notifications/cancelled}).
 * </ul>
 *
 * <p>An aborted call runs code that writes {@code started} on the shared volume, sleeps {@value
 * #ABORTED_CODE_SLEEP_SECONDS} s and would then write {@code late}. The call is aborted as soon as {@code started}
 * appears; the code must be stopped ({@code late} never appears), and the same session must answer the next call
 * within 2 s with the variable set before the long call intact. The {@value #LONG_CALL_SECONDS}-s call starts
 * before the first test and runs while the others do; the last test waits for it.
 */
@Timeout(420)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class ProgressAndCancellationIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    static final int PROGRESS_INTERVAL_SECONDS = 2;
    static final int LONG_CALL_SECONDS = 75;
    static final int ABORTED_CODE_SLEEP_SECONDS = 5;
    /** Slack on top of the progress interval for a loaded CI machine. */
    private static final long GAP_SLACK_MS = 2500;

    private static AdapterProcess adapter;
    private static Path volume;
    private static ManagedProcess longCall;
    private static String longCallSession;
    private static long longCallStart;

    @BeforeAll
    static void startAdapterAndTheLongCall() {
        volume = ItEnv.newDir("volumes", "progress");
        adapter = it.start(it.adapterOnSharedDevServer("it-progress")
                .name("adapter-progress")
                .env("MCP_PROGRESS_INTERVAL", Integer.toString(PROGRESS_INTERVAL_SECONDS))
                .env("MSB_SHARED_VOLUME_PATH", volume + ":" + SharedStack.VOLUME_CONTAINER_PATH));
        adapter.awaitHealthy(Duration.ofSeconds(30));
        longCallSession = Sessions.newId("sdk-long");
        longCallStart = System.nanoTime();
        longCall = it.track(ManagedProcess.start(
                "sdk-long-call",
                List.of(
                        "node",
                        "sdk-long-call.mjs",
                        adapter.mcpUrl().toString(),
                        "long",
                        longCallSession,
                        Integer.toString(LONG_CALL_SECONDS)),
                Map.of(),
                NodeClients.dir(),
                it.logDir()));
    }

    @Test
    @Order(1)
    void modernClient_pinnedTo20260728_listsCallsAndReceivesProgress() {
        String session = Sessions.newId("modern");
        FetchLog fetches = FetchLog.in(it.logDir(), "modern-client");

        Processes.Result run = NodeClients.node(
                "modern-client-basic",
                List.of("modern-client.mjs", adapter.mcpUrl().toString(), "basic", session),
                fetches.env(),
                it.logDir(),
                Duration.ofSeconds(120));

        JsonNode report = Json.lastObjectLine(run.stdout());
        System.out.println("[it] @modelcontextprotocol/client 2.4.0 (pinned 2026-07-28) report: " + report);
        assertThat(report.has("unexpected")).as(report.toString()).isFalse();
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(report.path("era").asText()).isEqualTo("modern");
        assertThat(report.path("protocolVersion").asText()).isEqualTo("2026-07-28");
        assertThat(report.path("sessionHeader").isNull())
                .as("no MCP session in 2026-07-28")
                .isTrue();
        assertThat(report.path("discover").path("supportedVersions").toString()).contains("2026-07-28");
        assertThat(report.path("serverVersion").path("name").asText()).isEqualTo("msb-mcp");
        assertThat(Json.MAPPER.convertValue(report.path("tools"), List.class))
                .containsExactlyElementsOf(ToolNames.SORTED);
        assertThat(report.path("sessionIdHeaderAnnotation").asText()).isEqualTo("Session-Id");
        assertThat(report.path("first").path("created").asBoolean()).isTrue();
        assertThat(report.path("second").path("stdout").asText()).isEqualTo("42");
        assertThat(report.path("second").path("created").asBoolean()).isFalse();
        assertThat(fetches.requests("initialize")).as("%s", fetches).isEmpty();
        List<JsonNode> calls = fetches.requests("tools/call");
        assertThat(calls).as("%s", fetches).hasSize(3);
        for (JsonNode call : calls) {
            assertThat(call.path("protocolVersionHeader").asText())
                    .as("%s", call)
                    .isEqualTo("2026-07-28");
            assertThat(call.path("paramSessionId").asText())
                    .as("session_id mirrored into Mcp-Param-Session-Id: %s", call)
                    .isEqualTo(session);
        }
        JsonNode progress = report.path("progress");
        assertThat(progress.has("error")).as(progress.toString()).isFalse();
        assertThat(progress.path("result").path("stdout").asText()).isEqualTo("slept");
        assertProgress(progress, 2);
        stop(session);
    }

    @Test
    @Order(2)
    void modernClient_abortedCall_codeStopsAndTheSessionAnswersAtOnce() {
        String session = Sessions.newId("modern-abort");
        FetchLog fetches = FetchLog.in(it.logDir(), "modern-client-abort");

        JsonNode abort = runAbort("modern-client.mjs", "modern-abort", session, fetches);

        assertThat(fetches.requests("notifications/cancelled"))
                .as("a 2026-07-28 client cancels by closing the response stream, not with a notification: %s", fetches)
                .isEmpty();
        assertThat(abort.path("aborted").has("rejected")).as(abort.toString()).isTrue();
        stop(session);
    }

    @Test
    @Order(3)
    void sdkClient_abortedCall_sendsCancelledAndTheCodeStopsAndTheSessionAnswersAtOnce() {
        String session = Sessions.newId("sdk-abort");
        FetchLog fetches = FetchLog.in(it.logDir(), "sdk-abort");

        JsonNode abort = runAbort("sdk-long-call.mjs", "sdk-abort", session, fetches);

        List<JsonNode> cancelled = fetches.requests("notifications/cancelled");
        assertThat(cancelled)
                .as("the SDK turns the abort into notifications/cancelled: %s", fetches)
                .hasSize(1);
        assertThat(cancelled.get(0).path("status").asInt()).isEqualTo(202);
        assertThat(cancelled.get(0).path("sessionHeader").asBoolean()).isTrue();
        assertThat(abort.path("aborted").has("rejected")).as(abort.toString()).isTrue();
        stop(session);
    }

    @Test
    @Order(4)
    void sdkClient_75sCallWithProgressAndA10sTimeout_completes() {
        Duration budget = Duration.ofSeconds(LONG_CALL_SECONDS + 90);
        long waited = Duration.ofNanos(System.nanoTime() - longCallStart).toSeconds();
        int exit = longCall.awaitExit(budget.minusSeconds(Math.min(waited, budget.toSeconds() - 1)));

        JsonNode report = Json.lastObjectLine(longCall.stdout());
        JsonNode long75 = report.path("long");
        System.out.printf(
                "[it] @modelcontextprotocol/sdk 1.32.2 %d-s call: %d ms, %d progress notifications, largest gap %d ms,"
                        + " first %s, last %s%n",
                LONG_CALL_SECONDS,
                long75.path("elapsedMs").asLong(),
                long75.path("notifications").size(),
                largestGap(long75.path("notifications")),
                long75.path("notifications").path(0),
                long75.path("notifications").path(long75.path("notifications").size() - 1));
        assertThat(report.has("unexpected")).as(report.toString()).isFalse();
        assertThat(exit).as(longCall.logTail(40)).isZero();
        assertThat(report.path("protocolVersion").asText()).isIn("2025-06-18", "2025-11-25");
        assertThat(long75.has("error"))
                .as("the client gave up: %s (notifications %s)", long75.path("error"), long75.path("notifications"))
                .isFalse();
        assertThat(long75.path("result").path("isError").asBoolean()).isFalse();
        assertThat(long75.path("result").path("stdout").asText()).isEqualTo("slept " + LONG_CALL_SECONDS + " s");
        assertThat(long75.path("elapsedMs").asLong())
                .as("the call outlived the SDK's 60-s default timeout")
                .isGreaterThanOrEqualTo(LONG_CALL_SECONDS * 1000L);
        assertProgress(long75, LONG_CALL_SECONDS / 10);
        stop(longCallSession);
    }

    /** Runs the abort scenario of {@code script} and asserts what every client must see; returns the report. */
    private static JsonNode runAbort(String script, String name, String session, FetchLog fetches) {
        Path hostDir = volume.resolve(name);
        String containerDir = SharedStack.VOLUME_CONTAINER_PATH + "/" + name;

        Processes.Result run = NodeClients.node(
                name,
                List.of(
                        script,
                        adapter.mcpUrl().toString(),
                        "abort",
                        session,
                        hostDir.toString(),
                        containerDir,
                        Integer.toString(ABORTED_CODE_SLEEP_SECONDS)),
                fetches.env(),
                it.logDir(),
                Duration.ofSeconds(120));

        JsonNode report = Json.lastObjectLine(run.stdout());
        assertThat(report.has("unexpected")).as(report.toString()).isFalse();
        JsonNode abort = report.path("abort");
        JsonNode next = abort.path("next");
        System.out.printf(
                "[it] %s: aborted %d ms after the code started; next call answered %d ms after the abort"
                        + " (stdout %s, session_reset %s); late file %s%n",
                name,
                abort.path("startedSeenAfterMs").asLong(-1),
                next.path("sinceAbortMs").asLong(-1),
                next.path("stdout"),
                next.path("sessionReset"),
                abort.path("lateFileExists").asBoolean() ? "WRITTEN (the code ran on)" : "never written");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(abort.path("first").path("created").asBoolean()).isTrue();
        assertThat(abort.path("startedSeenAfterMs").isNumber())
                .as("the long code started (wrote its marker): %s", abort)
                .isTrue();
        assertThat(next.has("error")).as("the next call failed: %s", next).isFalse();
        assertThat(next.path("stdout").asText())
                .as("the variable set before the aborted call is still there")
                .isEqualTo("42");
        assertThat(next.path("created").asBoolean()).isFalse();
        assertThat(next.path("sessionReset").asBoolean())
                .as("interrupted, not reset: %s", next)
                .isFalse();
        assertThat(next.path("sinceAbortMs").asLong())
                .as("the session answers the next call within 2 s of the abort: %s", abort)
                .isLessThan(2000);
        assertThat(abort.path("lateFileExists").asBoolean())
                .as("the aborted code was stopped before it wrote its late file: %s", abort)
                .isFalse();
        assertThat(Files.exists(hostDir.resolve("late"))).isFalse();
        assertThat(Files.exists(hostDir.resolve("started"))).isTrue();
        return abort;
    }

    /**
     * At least {@code minimum} notifications, progress strictly increasing, each with a message, one of them saying
     * the code runs, and none further apart (or from the start) than the interval plus slack.
     */
    private static void assertProgress(JsonNode call, int minimum) {
        JsonNode notifications = call.path("notifications");
        assertThat(notifications.size())
                .as("progress notifications: %s", notifications)
                .isGreaterThanOrEqualTo(minimum);
        double last = Double.NEGATIVE_INFINITY;
        boolean running = false;
        for (JsonNode n : notifications) {
            assertThat(n.path("progress").asDouble())
                    .as("progress strictly increases: %s", notifications)
                    .isGreaterThan(last);
            last = n.path("progress").asDouble();
            assertThat(n.path("message").asText())
                    .as("every notification says what happens: %s", n)
                    .isNotBlank();
            running |= n.path("message").asText().contains("running");
        }
        assertThat(running)
                .as("a message says the code is running: %s", notifications)
                .isTrue();
        assertThat(largestGap(notifications))
                .as("notifications at least every %d s: %s", PROGRESS_INTERVAL_SECONDS, notifications)
                .isLessThanOrEqualTo(PROGRESS_INTERVAL_SECONDS * 1000L + GAP_SLACK_MS);
    }

    /** The longest time without a notification: from the start of the call to the first, and between two. */
    private static long largestGap(JsonNode notifications) {
        long previous = 0;
        long largest = 0;
        for (JsonNode n : notifications) {
            largest = Math.max(largest, n.path("atMs").asLong() - previous);
            previous = n.path("atMs").asLong();
        }
        return largest;
    }

    private static void stop(String session) {
        adapter.mcp().callTool("stop_session", Map.of("session_id", session));
    }
}

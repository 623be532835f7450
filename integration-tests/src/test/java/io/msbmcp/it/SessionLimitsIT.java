package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session limits and session bookkeeping on an adapter of its own with {@code MSB_MAX_SESSIONS=2}: the third new
 * session is refused with -32600 and recovery hints, reuse is never refused, {@code stop_session} frees a slot (and
 * stops the sandbox), and {@code get_sessions} agrees with all of it; unknown ids give -32602 {@code
 * SESSION_NOT_FOUND}.
 */
@Timeout(120)
final class SessionLimitsIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static AdapterProcess adapter;
    private static McpHttp mcp;

    @BeforeAll
    static void startAdapter() {
        adapter = it.start(it.adapterOnSharedDevServer("it-limits").env("MSB_MAX_SESSIONS", "2"));
        mcp = adapter.mcp();
    }

    @AfterEach
    void stopEverySession() {
        for (JsonNode session : sessions()) {
            mcp.callTool(
                    "stop_session",
                    Map.of("session_id", session.path("session_id").asText()));
        }
    }

    @Test
    void newSession_beyondMaxSessions_refusedUntilStopSessionFreesASlot() {
        String first = Sessions.newId("limit-a");
        String second = Sessions.newId("limit-b");
        assertThat(run(first).isError()).isFalse();
        assertThat(run(second).isError()).isFalse();
        assertThat(ids(sessions())).containsExactly(first, second);
        assertThat(sessions()).allSatisfy(s -> {
            assertThat(s.path("status").asText()).isEqualTo("ready");
            assertThat(s.path("template").asText()).isEqualTo("python");
            assertThat(s.path("namespace").asText()).isEqualTo("it-limits");
            assertThat(s.path("executions").asInt()).isEqualTo(1);
        });
        String secondSandbox = sessions().get(1).path("sandbox_name").asText();
        assertThat(it.shared().devServer().running("it-limits")).contains(secondSandbox);

        McpResponse refused = mcp.callTool("execute_code", Map.of("code", "print('third')"));
        McpResponse refusedNamed = run(Sessions.newId("limit-c"));
        McpResponse reuse = mcp.callTool("execute_code", Map.of("code", "print('reuse ok')", "session_id", first));

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.error().path("code").asInt()).isEqualTo(-32600);
        JsonNode data = refused.error().path("data");
        assertThat(data.path("error_code").asText()).isEqualTo("RESOURCE_LIMIT_EXCEEDED");
        assertThat(data.path("category").asText()).isEqualTo("resource");
        assertThat(data.path("context").path("active_sessions").asInt()).isEqualTo(2);
        assertThat(data.path("context").path("max_sessions").asInt()).isEqualTo(2);
        List<String> hints = new ArrayList<>();
        data.path("recovery_suggestions").forEach(h -> hints.add(h.asText()));
        assertThat(hints).isNotEmpty().anySatisfy(h -> assertThat(h).contains("stop_session"));
        assertThat(refusedNamed.error().path("code").asInt()).isEqualTo(-32600);
        assertThat(reuse.isError()).as(reuse.raw()).isFalse();
        assertThat(reuse.structured().path("stdout").asText()).isEqualTo("reuse ok");
        assertThat(ids(sessions())).containsExactly(first, second);

        McpResponse stopped = mcp.callTool("stop_session", Map.of("session_id", second));

        assertThat(stopped.structured().path("stopped").asBoolean()).isTrue();
        assertThat(stopped.structured().path("session_id").asText()).isEqualTo(second);
        assertThat(ids(sessions())).containsExactly(first);
        assertThat(it.shared().devServer().running("it-limits")).doesNotContain(secondSandbox);
        assertThat(adapter.health().body().path("active_sessions").asInt()).isEqualTo(1);

        String third = Sessions.newId("limit-c");
        McpResponse afterStop = run(third);

        assertThat(afterStop.isError()).as(afterStop.raw()).isFalse();
        assertThat(afterStop.structured().path("session_created").asBoolean()).isTrue();
        assertThat(ids(sessions())).containsExactly(first, third);
        JsonNode one = mcp.callTool("get_sessions", Map.of("session_id", first))
                .structured()
                .path("sessions");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).path("executions").asInt()).isEqualTo(2);
    }

    @Test
    void stopSession_unknownId_invalidParamsWithSessionNotFound() {
        McpResponse response = mcp.callTool("stop_session", Map.of("session_id", "no-such-session"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.error().path("code").asInt()).isEqualTo(-32602);
        assertThat(response.error().path("message").asText()).contains("'no-such-session'");
        JsonNode data = response.error().path("data");
        assertThat(data.path("error_code").asText()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(data.path("category").asText()).isEqualTo("session");
        assertThat(data.path("recovery_suggestions")).isNotEmpty();
        assertThat(data.path("context").path("session_id").asText()).isEqualTo("no-such-session");
    }

    @Test
    void getSessions_unknownOrStoppedId_sessionNotFound() {
        String session = Sessions.newId("gone");
        run(session);
        mcp.callTool("stop_session", Map.of("session_id", session));

        McpResponse unknown = mcp.callTool("get_sessions", Map.of("session_id", "never-existed"));
        McpResponse stopped = mcp.callTool("get_sessions", Map.of("session_id", session));
        McpResponse stopAgain = mcp.callTool("stop_session", Map.of("session_id", session));

        assertThat(unknown.error().path("code").asInt()).isEqualTo(-32602);
        assertThat(unknown.errorCode()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(stopped.errorCode()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(stopAgain.errorCode()).isEqualTo("SESSION_NOT_FOUND");
        assertThat(sessions()).isEmpty();
    }

    private static McpResponse run(String session) {
        return mcp.callTool("execute_code", Map.of("code", "print('hi')", "session_id", session));
    }

    private static List<JsonNode> sessions() {
        McpResponse response = mcp.callTool("get_sessions", Map.of());
        List<JsonNode> sessions = new ArrayList<>();
        response.structured().path("sessions").forEach(sessions::add);
        return sessions;
    }

    private static List<String> ids(List<JsonNode> sessions) {
        return sessions.stream().map(s -> s.path("session_id").asText()).toList();
    }
}

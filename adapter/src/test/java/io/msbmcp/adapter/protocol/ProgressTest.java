package io.msbmcp.adapter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.adapter.testing.Http;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A tools/call that asks for progress gets an SSE answer with notifications/progress, in both eras. */
@Timeout(30)
final class ProgressTest {
    private static EngineServer server;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        server = new EngineServer(Duration.ofSeconds(1));
        http = server.http();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void assertProgressThenResult(Http.Response response, String token, int id) {
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        assertThat(response.header("X-Accel-Buffering")).isEqualTo("no");
        assertThat(response.body()).contains(": keep-alive");
        List<JsonNode> events = response.sseData();
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("id").asInt()).isEqualTo(id);
        assertThat(last.has("result")).isTrue();
        List<JsonNode> progress = events.subList(0, events.size() - 1);
        assertThat(progress).allSatisfy(event -> {
            assertThat(event.get("method").asText()).isEqualTo("notifications/progress");
            assertThat(event.get("params").get("progressToken").asText()).isEqualTo(token);
        });
        assertThat(progress.stream().map(e -> e.get("params").get("message").asText()))
                .startsWith("working", "starting sandbox", "running")
                .anySatisfy(message -> assertThat(message).matches("running, [12] s"));
        long previous = 0;
        for (JsonNode event : progress) {
            long value = event.get("params").get("progress").asLong();
            assertThat(value).isGreaterThan(previous);
            previous = value;
        }
    }

    @Test
    void legacySessionlessCall_withTokenAndSseAccept_getsProgressThenTheResult() {
        Http.Response response = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\",\"arguments\":"
                        + "{\"seconds\":2,\"phases\":\"starting sandbox,running\"},\"_meta\":{\"progressToken\":\"t-31\"}}}",
                "Content-Type",
                "application/json",
                "Accept",
                "application/json, text/event-stream");

        assertProgressThenResult(response, "t-31", 31);
    }

    @Test
    void modernCall_withTokenAndSseAccept_getsProgressThenTheResult() {
        Http.Response response = ModernEraTest.postTo(
                http,
                "tools/call",
                "\"name\":\"wait\",\"arguments\":{\"seconds\":2,\"phases\":\"starting sandbox,running\"},"
                        + ModernEraTest.META.replace("\"_meta\":{", "\"_meta\":{\"progressToken\":\"t-21\","),
                "Mcp-Name",
                "wait");

        assertProgressThenResult(response, "t-21", 21);
        List<JsonNode> events = response.sseData();
        assertThat(events.get(events.size() - 1).get("result").get("resultType").asText())
                .isEqualTo("complete");
    }

    @Test
    void callWithoutToken_isAnsweredAsPlainJson() {
        Http.Response response = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":32,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\",\"arguments\":"
                        + "{\"seconds\":0}}}",
                "Content-Type",
                "application/json",
                "Accept",
                "application/json, text/event-stream");

        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Content-Length")).isNotNull();
        assertThat(response.json()
                        .get("result")
                        .get("content")
                        .get(0)
                        .get("text")
                        .asText())
                .isEqualTo("done");
    }

    @Test
    void longPlainJsonCall_isKeptAliveWithLeadingSpacesAndStillParses() {
        Http.Response response = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":33,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\",\"arguments\":"
                        + "{\"seconds\":3}}}",
                "Content-Type",
                "application/json");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith(" ");
        assertThat(response.json().get("id").asInt()).isEqualTo(33);
    }

    @Test
    void tokenWithoutSseAccept_isAnsweredAsJson() {
        Http.Response response = http.post(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":34,\"method\":\"tools/call\",\"params\":{\"name\":\"wait\",\"arguments\":"
                        + "{\"seconds\":0},\"_meta\":{\"progressToken\":7}}}",
                "Content-Type",
                "application/json",
                "Accept",
                "application/json");

        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("result")).isNotNull();
    }
}

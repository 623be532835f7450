package io.msbmcp.adapter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whether a request's Accept header takes an SSE answer. */
@Timeout(10)
final class AcceptHeaderTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/event-stream",
                "application/json, text/event-stream",
                "text/event-stream,application/json",
                " TEXT/Event-Stream ; q=0.9",
                "application/json;q=1,text/event-stream;q=0.5",
                ",,text/event-stream"
            })
    void acceptsEventStream_listsIt_true(String accept) {
        assertThat(McpEndpointServlet.acceptsEventStream(accept)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "application/json",
                "text/event-streams",
                "text/event",
                "xtext/event-stream",
                "application/json; profile=text/event-stream",
                "*/*",
                ","
            })
    void acceptsEventStream_doesNotListIt_false(String accept) {
        assertThat(McpEndpointServlet.acceptsEventStream(accept)).isFalse();
    }

    @Test
    void acceptsEventStream_noHeader_false() {
        assertThat(McpEndpointServlet.acceptsEventStream(null)).isFalse();
    }
}

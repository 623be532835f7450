package io.msbmcp.adapter.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.adapter.error.ErrorMapper;
import io.msbmcp.adapter.testing.LogCapture;
import io.msbmcp.errors.ConnectionException;
import io.msbmcp.wrapper.call.CallContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry's wrapping of every call: validation, error mapping and the per-call log event. */
@Timeout(10)
final class ToolsTest {
    private static final ToolCallContext CONTEXT = new ToolCallContext("17", "mcp-session-1");

    private static Tools tools(Function<ToolArguments, CallToolResult> body) {
        McpTool tool = new McpTool() {
            @Override
            public Tool definition() {
                return Tool.builder("probe", JsonSchemas.parse("""
                                {"type": "object", "properties": {"code": {"type": "string"},
                                 "session_id": {"type": "string"}}, "required": ["code"],
                                 "additionalProperties": false}"""))
                        .description("a probe")
                        .build();
            }

            @Override
            public CallToolResult call(ToolArguments arguments, CallContext call) {
                return body.apply(arguments);
            }
        };
        return Tools.of(List.of(tool), new ObjectMapper());
    }

    private static Map<String, Object> keyValues(ILoggingEvent event) {
        return event.getKeyValuePairs().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
    }

    @Test
    void preload_schemaWithTheToolsKeywords_validatesItsSampleWithoutThrowing() {
        // the start's preload thread must not die on its own schema: its conforming sample has to pass validation
        assertThatCode(() -> Tools.preload(new ObjectMapper())).doesNotThrowAnyException();
    }

    @Test
    void call_success_logsOneEventWithIdsToolSessionDurationAndOutcome() {
        Tools tools = tools(args -> CallToolResult.builder()
                .addTextContent("ok")
                .structuredContent(Map.of("session_id", "sbx-1", "session_created", true))
                .build());

        try (LogCapture log = LogCapture.of(Tools.class)) {
            tools.call("probe", Map.of("code", "print('TOP-SECRET-CODE')"), CONTEXT);

            assertThat(log.events()).hasSize(1);
            ILoggingEvent event = log.events().get(0);
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(keyValues(event))
                    .containsEntry("request_id", "17")
                    .containsEntry("mcp_session_id", "mcp-session-1")
                    .containsEntry("tool", "probe")
                    .containsEntry("session_id", "sbx-1")
                    .containsEntry("outcome", "success")
                    .containsKey("duration_ms");
            assertThat(event.getFormattedMessage() + event.getKeyValuePairs()).doesNotContain("TOP-SECRET-CODE");
        }
    }

    @Test
    void call_sessionless_logsNoMcpSessionKey() {
        Tools tools =
                tools(args -> CallToolResult.builder().addTextContent("ok").build());

        try (LogCapture log = LogCapture.of(Tools.class)) {
            tools.call("probe", Map.of("code", "x"), new ToolCallContext("1", null));

            assertThat(keyValues(log.events().get(0)))
                    .containsEntry("request_id", "1")
                    .doesNotContainKeys("mcp_session_id", "session_id");
        }
    }

    @Test
    void call_isErrorResult_logsToolError() {
        Tools tools = tools(args ->
                CallToolResult.builder().addTextContent("boom").isError(true).build());

        try (LogCapture log = LogCapture.of(Tools.class)) {
            CallToolResult result = tools.call("probe", Map.of("code", "x"), CONTEXT);

            assertThat(result.isError()).isTrue();
            assertThat(keyValues(log.events().get(0))).containsEntry("outcome", "tool_error");
        }
    }

    @Test
    void call_msbException_becomesItsJsonRpcErrorAndLogsAtWarn() {
        Tools tools = tools(args -> {
            throw ConnectionException.unreachable("http://127.0.0.1:5555", "sandbox.start", "refused");
        });

        try (LogCapture log = LogCapture.of(Tools.class)) {
            assertThatThrownBy(() -> tools.call("probe", Map.of("code", "x"), CONTEXT))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(-32603);
                        assertThat(((Map<?, ?>) e.getJsonRpcError().data()).get("error_code"))
                                .isEqualTo("CONNECTION_ERROR");
                    });
            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(keyValues(event))
                        .containsEntry("outcome", "error")
                        .containsEntry("error_code", "CONNECTION_ERROR");
            });
        }
    }

    @Test
    void call_unexpectedException_becomesInternalErrorWithoutItsText() {
        Tools tools = tools(args -> {
            throw new IllegalStateException("internal detail at /opt/secret");
        });

        try (LogCapture errors = LogCapture.of(ErrorMapper.class)) {
            assertThatThrownBy(() -> tools.call("probe", Map.of("code", "x"), CONTEXT))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(-32603);
                        assertThat(e.getJsonRpcError().message()).doesNotContain("internal detail");
                        assertThat(((Map<?, ?>) e.getJsonRpcError().data()).get("error_code"))
                                .isEqualTo("INTERNAL_ERROR");
                    });
            assertThat(errors.events())
                    .singleElement()
                    .satisfies(event -> assertThat(event.getThrowableProxy()).isNotNull());
        }
    }

    @Test
    void call_invalidArguments_neverReachTheTool() {
        Tools tools = tools(args -> {
            throw new AssertionError("must not be called");
        });

        assertThatThrownBy(() -> tools.call("probe", Map.of("cod", "x"), CONTEXT))
                .isInstanceOfSatisfying(McpError.class, e -> {
                    assertThat(e.getJsonRpcError().code()).isEqualTo(-32602);
                    assertThat(e.getJsonRpcError().message()).contains("'cod'");
                });
    }
}

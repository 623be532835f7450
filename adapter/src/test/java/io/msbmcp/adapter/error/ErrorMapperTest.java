package io.msbmcp.adapter.error;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.modelcontextprotocol.spec.McpError;
import io.msbmcp.adapter.testing.LogCapture;
import io.msbmcp.errors.ConnectionException;
import io.msbmcp.errors.ErrorCode;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.errors.ResourceLimitException;
import io.msbmcp.errors.SessionNotFoundException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(10)
final class ErrorMapperTest {
    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void jsonRpcCode_matchesTheSeedTable(ErrorCode code) {
        int expected = switch (code) {
            case RESOURCE_LIMIT_EXCEEDED -> -32600;
            case SESSION_NOT_FOUND, INVALID_ARGUMENT -> -32602;
            default -> -32603;
        };

        assertThat(ErrorMapper.jsonRpcCode(code)).isEqualTo(expected).isEqualTo(code.jsonRpcCode());
    }

    @Test
    void toMcpError_sessionNotFound_keepsMessageAndData() {
        SessionNotFoundException e = SessionNotFoundException.of("abc");

        McpError error = ErrorMapper.toMcpError(e);

        assertThat(error.getJsonRpcError().code()).isEqualTo(-32602);
        assertThat(error.getJsonRpcError().message()).isEqualTo("Session 'abc' not found");
        assertThat(error.getJsonRpcError().data()).isEqualTo(e.errorData());
        assertThat(((Map<?, ?>) error.getJsonRpcError().data()).get("error_code"))
                .isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void toMcpError_resourceLimit_isInvalidRequest() {
        McpError error = ErrorMapper.toMcpError(ResourceLimitException.sessionLimit(10, 10));

        assertThat(error.getJsonRpcError().code()).isEqualTo(-32600);
    }

    @Test
    void logLevel_clientMistakesAtInfo_backendFailuresAtWarn() {
        assertThat(ErrorMapper.logLevel(InvalidArgumentException.of("x", "y").code()))
                .isEqualTo(org.slf4j.event.Level.INFO);
        assertThat(ErrorMapper.logLevel(ConnectionException.unreachable("http://x", "op", "refused")
                        .code()))
                .isEqualTo(org.slf4j.event.Level.WARN);
    }

    @Test
    void unexpected_answersGenericMessageWithIncidentAndLogsOnceWithTrace() {
        IllegalStateException failure = new IllegalStateException("secret internal detail /etc/passwd");
        McpError error;
        try (LogCapture log = LogCapture.of(ErrorMapper.class)) {
            error = ErrorMapper.unexpected(failure, "tool execute_code");

            assertThat(log.events()).hasSize(1);
            ILoggingEvent event = log.events().get(0);
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
            String incident = ((Map<?, ?>) ((Map<?, ?>) error.getJsonRpcError().data()).get("context"))
                    .get("incident_id")
                    .toString();
            assertThat(event.getFormattedMessage()).contains(incident);
        }

        assertThat(error.getJsonRpcError().code()).isEqualTo(-32603);
        assertThat(error.getJsonRpcError().message()).startsWith("Internal error (incident ");
        Map<?, ?> data = (Map<?, ?>) error.getJsonRpcError().data();
        assertThat(data.keySet().stream().map(String::valueOf).toList())
                .containsExactly("error_code", "category", "severity", "recovery_suggestions", "context");
        assertThat(data.get("error_code")).isEqualTo("INTERNAL_ERROR");
        assertThat(error.getJsonRpcError().toString()).doesNotContain("secret internal detail", "IllegalState");
    }

    @Test
    void newIncidentId_isTwelveHexCharacters() {
        assertThat(ErrorMapper.newIncidentId()).matches("[0-9a-f]{12}");
        assertThat(ErrorMapper.newIncidentId()).isNotEqualTo(ErrorMapper.newIncidentId());
    }
}

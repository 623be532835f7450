package io.msbmcp.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class MsbExceptionTest {

    static Stream<Arguments> everyFactory() {
        return Stream.of(
                Arguments.of(ResourceLimitException.sessionLimit(10, 10), ErrorCode.RESOURCE_LIMIT_EXCEEDED, -32600),
                Arguments.of(
                        ResourceLimitException.memoryLimit("large", 4096, 2048, 4096),
                        ErrorCode.RESOURCE_LIMIT_EXCEEDED,
                        -32600),
                Arguments.of(
                        ConfigurationException.invalidValue("MSB_MAX_SESSIONS", "must be a positive integer"),
                        ErrorCode.CONFIGURATION_ERROR,
                        -32603),
                Arguments.of(
                        ConfigurationException.apiKeyRejected("http://127.0.0.1:5555", 401, "msb-mcp"),
                        ErrorCode.CONFIGURATION_ERROR,
                        -32603),
                Arguments.of(
                        ConfigurationException.apiKeyMissing("http://127.0.0.1:5555"),
                        ErrorCode.CONFIGURATION_ERROR,
                        -32603),
                Arguments.of(
                        SandboxCreationException.startFailed(
                                "abc", "abc-x1", "microsandbox/python", "small", "HTTP 500"),
                        ErrorCode.SANDBOX_CREATION_ERROR,
                        -32603),
                Arguments.of(
                        CodeExecutionException.replFailed("abc", "python", "HTTP 500"),
                        ErrorCode.CODE_EXECUTION_ERROR,
                        -32603),
                Arguments.of(
                        CommandExecutionException.commandFailed("abc", "HTTP 500"),
                        ErrorCode.COMMAND_EXECUTION_ERROR,
                        -32603),
                Arguments.of(SessionNotFoundException.of("abc"), ErrorCode.SESSION_NOT_FOUND, -32602),
                Arguments.of(
                        ConnectionException.circuitOpen("http://127.0.0.1:5555", Duration.ofSeconds(30)),
                        ErrorCode.CONNECTION_ERROR,
                        -32603),
                Arguments.of(
                        InvalidArgumentException.of("timeout", "must be between 1 and 3600"),
                        ErrorCode.INVALID_ARGUMENT,
                        -32602));
    }

    @ParameterizedTest
    @MethodSource("everyFactory")
    void factory_anyCase_carriesCodeAndJsonRpcCodeOfSpecTable(MsbException e, ErrorCode code, int jsonRpc) {
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.jsonRpcCode()).isEqualTo(jsonRpc);
        assertThat(e.recoverySuggestions())
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s).isNotBlank());
        assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @MethodSource("everyFactory")
    void errorData_anyCase_hasTheFiveFieldsInOrder(MsbException e, ErrorCode code, int jsonRpc) {
        Map<String, Object> data = e.errorData();

        assertThat(data)
                .containsOnlyKeys("error_code", "category", "severity", "recovery_suggestions", "context")
                .containsEntry("error_code", code.name())
                .containsEntry("category", code.category().wireName())
                .containsEntry("severity", code.severity().wireName());
        assertThat(List.copyOf(data.keySet()))
                .containsExactly("error_code", "category", "severity", "recovery_suggestions", "context");
    }

    @org.junit.jupiter.api.Test
    void sessionNotFound_message_namesTheSessionInQuotes() {
        SessionNotFoundException e = SessionNotFoundException.of("abc-123");

        assertThat(e.getMessage()).isEqualTo("Session 'abc-123' not found");
        assertThat(e.context()).containsEntry("session_id", "abc-123");
        assertThat(e.category()).isEqualTo(ErrorCategory.SESSION);
    }

    @org.junit.jupiter.api.Test
    void templateMismatch_message_saysWhichTemplateTheSessionHas() {
        InvalidArgumentException e = InvalidArgumentException.templateMismatch("s1", "python", "node");

        assertThat(e.field()).isEqualTo("template");
        assertThat(e.getMessage()).contains("'s1'").contains("'python'").contains("'node'");
        assertThat(e.recoverySuggestions().get(0)).contains("python");
    }

    @org.junit.jupiter.api.Test
    void apiKeyRejected_401And403_giveDifferentAdvice() {
        ConfigurationException unauthorized = ConfigurationException.apiKeyRejected("http://h:5555", 401, "ns");
        ConfigurationException forbidden = ConfigurationException.apiKeyRejected("http://h:5555", 403, "ns");

        assertThat(unauthorized.variable()).isEqualTo("MSB_API_KEY");
        assertThat(unauthorized.recoverySuggestions()).anyMatch(s -> s.contains("keygen"));
        assertThat(forbidden.getMessage()).contains("namespace 'ns'");
        assertThat(forbidden.recoverySuggestions()).anyMatch(s -> s.contains("MSB_NAMESPACE"));
    }

    @org.junit.jupiter.api.Test
    void apiKeyMissing_message_namesTheServerAndTheVariable() {
        ConfigurationException e = ConfigurationException.apiKeyMissing("http://h:5555");

        assertThat(e.variable()).isEqualTo("MSB_API_KEY");
        assertThat(e.getMessage()).contains("'http://h:5555'").contains("MSB_API_KEY is not set");
        assertThat(e.recoverySuggestions()).anyMatch(s -> s.contains("keygen")).anyMatch(s -> s.contains("--dev"));
        assertThat(e.context()).containsEntry("http_status", 401);
    }

    @org.junit.jupiter.api.Test
    void connectionException_eachFactory_carriesItsKind() {
        String url = "http://127.0.0.1:5555";

        assertThat(ConnectionException.unreachable(url, "sandbox.stop", "refused")
                        .kind())
                .isEqualTo(ConnectionException.Kind.UNREACHABLE);
        assertThat(ConnectionException.timedOut(url, "sandbox.start", Duration.ofSeconds(210))
                        .kind())
                .isEqualTo(ConnectionException.Kind.TIMED_OUT);
        assertThat(ConnectionException.unexpectedResponse(url, "sandbox.stop", 502)
                        .kind())
                .isEqualTo(ConnectionException.Kind.UNEXPECTED_RESPONSE);
        assertThat(ConnectionException.circuitOpen(url, Duration.ofSeconds(10)).kind())
                .isEqualTo(ConnectionException.Kind.CIRCUIT_OPEN);
        assertThat(ConnectionException.shuttingDown(url).kind()).isEqualTo(ConnectionException.Kind.SHUTTING_DOWN);
    }

    @org.junit.jupiter.api.Test
    void context_nullValues_areLeftOut() {
        Map<String, Object> context = MsbException.context("a", 1, "b", null, "c", "x");

        assertThat(context).containsOnlyKeys("a", "c");
    }

    @org.junit.jupiter.api.Test
    void memoryLimit_context_carriesTheFigures() {
        ResourceLimitException e = ResourceLimitException.memoryLimit("large", 4096, 2048, 4096);

        assertThat(e.context())
                .containsEntry("requested_memory_mb", 4096)
                .containsEntry("current_memory_mb", 2048L)
                .containsEntry("limit_memory_mb", 4096L);
    }
}

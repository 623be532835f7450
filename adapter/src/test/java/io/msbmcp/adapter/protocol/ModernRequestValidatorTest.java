package io.msbmcp.adapter.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Header values: literal unless wrapped as =?base64?...?=, which must be padded standard Base64. */
final class ModernRequestValidatorTest {
    @Test
    void decode_base64Wrapped_isTheUtf8Text() {
        assertThat(ModernRequestValidator.decode("Mcp-Name", "=?base64?SGVsbG8=?=", 1))
                .isEqualTo("Hello");
        assertThat(ModernRequestValidator.decode("Mcp-Name", "=?base64?w6l0w6k=?=", 1))
                .isEqualTo("été");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SGVsbG8=", "=?base64?SGVsbG8=", "SGVsbG8=?=", "plain value"})
    void decode_notWrapped_isLiteral(String value) {
        assertThat(ModernRequestValidator.decode("Mcp-Name", value, 1)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=?base64?SGVsbG8?=", "=?base64?SGVs!!!bG8=?=", "=?base64?S===?="})
    void decode_badBase64_isAHeaderMismatch(String value) {
        assertThatThrownBy(() -> ModernRequestValidator.decode("Mcp-Param-Session-Id", value, 5))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo(-32020);
                    assertThat(e.getMessage()).contains("Mcp-Param-Session-Id");
                });
    }
}

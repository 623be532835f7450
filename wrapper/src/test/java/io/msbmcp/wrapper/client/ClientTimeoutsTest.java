package io.msbmcp.wrapper.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ClientTimeoutsTest {

    @Test
    void defaults_matchTheDocumentedValues() {
        ClientTimeouts timeouts = ClientTimeouts.defaults();

        assertThat(timeouts.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(timeouts.healthTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(timeouts.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(timeouts.margin()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void builder_zeroCallTimeout_throwsIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ClientTimeouts.builder().callTimeout(Duration.ZERO))
                .withMessageContaining("callTimeout");
    }

    @Test
    void builder_negativeMargin_throwsIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ClientTimeouts.builder().margin(Duration.ofSeconds(-1)))
                .withMessageContaining("margin");
    }

    @Test
    void builder_zeroMargin_isAllowed() {
        assertThat(ClientTimeouts.builder().margin(Duration.ZERO).build().margin())
                .isZero();
    }
}

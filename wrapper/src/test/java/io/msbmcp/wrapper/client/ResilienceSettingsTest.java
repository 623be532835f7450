package io.msbmcp.wrapper.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ResilienceSettingsTest {

    @Test
    void defaults_matchTheDocumentedValues() {
        ResilienceSettings settings = ResilienceSettings.defaults();

        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.backoffMultiplier()).isEqualTo(2.0);
        assertThat(settings.slidingWindowSize()).isEqualTo(10);
        assertThat(settings.minimumNumberOfCalls()).isEqualTo(5);
        assertThat(settings.failureRateThreshold()).isEqualTo(50f);
        assertThat(settings.waitInOpenState()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.permittedCallsInHalfOpenState()).isEqualTo(2);
        assertThat(settings.automaticTransitionToHalfOpen()).isTrue();
    }

    @Test
    void intervalFunction_defaults_growsFrom200MsByTwo() {
        var interval = ResilienceSettings.defaults().intervalFunction();

        assertThat(interval.apply(1)).isEqualTo(200L);
        assertThat(interval.apply(2)).isEqualTo(400L);
    }

    @Test
    void builder_maxAttemptsZero_throwsIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ResilienceSettings.builder().maxAttempts(0))
                .withMessageContaining("maxAttempts");
    }

    @Test
    void builder_failureRateOver100_throwsIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ResilienceSettings.builder().failureRateThreshold(101f))
                .withMessageContaining("failureRateThreshold");
    }

    @Test
    void builder_zeroWaitInOpenState_throwsIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ResilienceSettings.builder().waitInOpenState(Duration.ZERO))
                .withMessageContaining("waitInOpenState");
    }

    @Test
    void builder_multiplierBelowOne_throwsIllegalArgument() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ResilienceSettings.builder().backoffMultiplier(0.5))
                .withMessageContaining("backoffMultiplier");
    }

    @Test
    void build_minimumCallsAboveWindow_throwsIllegalState() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ResilienceSettings.builder()
                        .slidingWindowSize(4)
                        .minimumNumberOfCalls(5)
                        .build())
                .withMessageContaining("minimumNumberOfCalls");
    }
}

package io.msbmcp.wrapper.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scan argument the runner reads: seven space-separated numbers, the last two seconds with three decimals. */
@Timeout(10)
final class RunnerScanTest {
    @Test
    void seconds_millisecondPrecision_threeDecimals() {
        assertThat(RunnerScan.seconds(Duration.ofMillis(30_250))).isEqualTo("30.250");
        assertThat(RunnerScan.seconds(Duration.ofMillis(1_050))).isEqualTo("1.050");
        assertThat(RunnerScan.seconds(Duration.ofMillis(5))).isEqualTo("0.005");
        assertThat(RunnerScan.seconds(Duration.ZERO)).isEqualTo("0.000");
        assertThat(RunnerScan.seconds(Duration.ofMillis(-3))).isEqualTo("0.000");
    }

    @Test
    void spec_limitsAndBudgets_inTheOrderTheRunnerReads() {
        String spec = RunnerScan.spec(1024, Duration.ofMillis(31_500), Duration.ofSeconds(1));

        assertThat(spec.split(" "))
                .containsExactly(
                        String.valueOf(ArtifactScanner.MAX_DEPTH),
                        String.valueOf(ArtifactScanner.MAX_FILES),
                        String.valueOf(ArtifactScanner.MAX_IMAGES),
                        "1024",
                        String.valueOf(ArtifactScanner.SCAN_SECONDS),
                        "31.500",
                        "1.000");
    }
}

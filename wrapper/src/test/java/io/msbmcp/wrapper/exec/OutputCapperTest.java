package io.msbmcp.wrapper.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class OutputCapperTest {

    @Test
    void cap_textWithinLimit_isUntouched() {
        OutputCapper.Capped capped = new OutputCapper(1024).cap("hello\nworld");

        assertThat(capped.text()).isEqualTo("hello\nworld");
        assertThat(capped.truncated()).isFalse();
    }

    @Test
    void cap_textOverLimit_keepsHeadAndTailWithinLimit() {
        String text = "HEAD" + "x".repeat(10_000) + "TAIL";

        OutputCapper.Capped capped = new OutputCapper(1024).cap(text);

        assertThat(capped.truncated()).isTrue();
        assertThat(capped.text()).startsWith("HEAD").endsWith("TAIL").contains("bytes of output, middle truncated");
        assertThat(capped.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(capped.text().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(900);
    }

    @Test
    void cap_multiByteCharactersAtTheCut_neverSplitsACharacter() {
        String text = "é".repeat(5000) + "€".repeat(5000);

        OutputCapper.Capped capped = new OutputCapper(1001).cap(text);

        assertThat(capped.truncated()).isTrue();
        assertThat(capped.text()).doesNotContain("\uFFFD");
        assertThat(capped.text()).startsWith("éé").endsWith("€€");
    }

    @Test
    void cap_exactlyAtLimit_isUntouched() {
        String text = "a".repeat(2048);

        assertThat(new OutputCapper(2048).cap(text).truncated()).isFalse();
        assertThat(new OutputCapper(2047).cap(text).truncated()).isTrue();
    }
}

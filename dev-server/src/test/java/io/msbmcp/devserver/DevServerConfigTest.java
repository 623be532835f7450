package io.msbmcp.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class DevServerConfigTest {
    @Test
    void defaults_are_loopbackFreePortNoAuthTemporaryDataAutoIsolation() {
        DevServerConfig config = DevServerConfig.defaults();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.apiKey()).isNull();
        assertThat(config.dataDir()).isNull();
        assertThat(config.isolation()).isEqualTo(IsolationMode.AUTO);
        assertThat(config.pythonCommand()).isEqualTo("python3");
        assertThat(config.nodeCommand()).isEqualTo("node");
        assertThat(config.outputLimitBytes()).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void builder_portOutOfRange_isRefusedAtOnce() {
        assertThatThrownBy(() -> DevServerConfig.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builder_emptyApiKey_isRefused() {
        assertThatThrownBy(() -> DevServerConfig.builder().apiKey("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builder_blankHost_isRefused() {
        assertThatThrownBy(() -> DevServerConfig.builder().host(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}

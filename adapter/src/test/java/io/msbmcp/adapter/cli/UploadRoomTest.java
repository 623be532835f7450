package io.msbmcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.wrapper.config.WrapperConfig;
import org.junit.jupiter.api.Test;

final class UploadRoomTest {
    @Test
    void withUploadRoom_defaults_growToFitABase64UploadOfTheFileLimit() {
        ServerConfig server = ServerCommand.withUploadRoom(ServerConfig.defaults(), WrapperConfig.defaults(), false);

        assertThat(server.maxRequestBytes()).isEqualTo(44_804_780);
        assertThat((long) server.maxRequestBytes()).isGreaterThan(32L * 1024 * 1024 * 4 / 3);
    }

    @Test
    void withUploadRoom_explicitLimit_keptAsSet() {
        ServerConfig set = ServerConfig.builder().maxRequestBytes(4096).build();

        assertThat(ServerCommand.withUploadRoom(set, WrapperConfig.defaults(), true)
                        .maxRequestBytes())
                .isEqualTo(4096);
    }

    @Test
    void withUploadRoom_smallFileLimit_keepsTheTwoMiBDefault() {
        WrapperConfig small = WrapperConfig.builder().maxFileBytes(1024).build();

        assertThat(ServerCommand.withUploadRoom(ServerConfig.defaults(), small, false)
                        .maxRequestBytes())
                .isEqualTo(2 * 1024 * 1024);
    }
}

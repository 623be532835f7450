package io.msbmcp.adapter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.errors.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code MCP_AUTH_TOKENS} and {@code MCP_AUTH_TOKENS_FILE}: named principals, never a token in a message. */
final class AuthTokensTest {
    private static final String ALICE = "alice-token-0123456789";
    private static final String BOB = "bob-token-9876543210ab";

    @TempDir
    Path dir;

    @Test
    void tokens_commaAndNewlineSeparated_areNamedPrincipals() {
        ServerConfig config = ServerConfigLoader.from(
                Map.of("MCP_AUTH_TOKENS", "alice:" + ALICE + ",\n  bob:" + BOB + "\n# a comment\n"));

        assertThat(config.authTokens()).containsExactlyInAnyOrderEntriesOf(Map.of("alice", ALICE, "bob", BOB));
        assertThat(config.toString()).contains("alice", "bob").doesNotContain(ALICE, BOB);
    }

    @Test
    void tokens_duplicateName_isRefused() {
        assertThatThrownBy(() -> ServerConfigLoader.from(Map.of("MCP_AUTH_TOKENS", "a:" + ALICE + ",a:" + BOB)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'a' is listed twice");
    }

    @Test
    void tokens_sameTokenTwice_isRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> ServerConfigLoader.from(Map.of("MCP_AUTH_TOKENS", "a:" + ALICE + ",b:" + ALICE)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining(ALICE);
    }

    @Test
    void tokens_shortOrMissingName_isRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> ServerConfigLoader.from(Map.of("MCP_AUTH_TOKENS", "a:short")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("at least 16")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> ServerConfigLoader.from(Map.of("MCP_AUTH_TOKENS", ALICE)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("name:token")
                .hasMessageNotContaining(ALICE);
    }

    @Test
    void tokens_principalDefaultBesideAuthToken_isRefused() {
        assertThatThrownBy(() ->
                        ServerConfigLoader.from(Map.of("MCP_AUTH_TOKEN", ALICE, "MCP_AUTH_TOKENS", "default:" + BOB)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'default'");
    }

    @Test
    void file_readableByTheServiceOnly_isRead() throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# callers\nalice:" + ALICE + "\nbob:" + BOB + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        ServerConfig config = ServerConfigLoader.from(Map.of("MCP_AUTH_TOKENS_FILE", file.toString()));

        assertThat(config.authTokens()).containsOnlyKeys("alice", "bob");
    }

    @Test
    void file_readableByOthers_refusesToStart() throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "alice:" + ALICE + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> ServerConfigLoader.from(Map.of("MCP_AUTH_TOKENS_FILE", file.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MCP_AUTH_TOKENS_FILE")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void file_missingOrEmpty_refusesToStart() throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n# nothing\n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> ServerConfigLoader.from(
                        Map.of("MCP_AUTH_TOKENS_FILE", dir.resolve("absent").toString())))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> ServerConfigLoader.from(Map.of("MCP_AUTH_TOKENS_FILE", empty.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no name:token pair");
    }
}

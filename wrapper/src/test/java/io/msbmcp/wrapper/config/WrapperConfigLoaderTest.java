package io.msbmcp.wrapper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.errors.ConfigurationException;
import io.msbmcp.wrapper.Flavor;
import io.msbmcp.wrapper.VolumeMapping;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class WrapperConfigLoaderTest {

    @Test
    void from_emptyEnvironment_givesTheDefaultsOfTheSpec() {
        WrapperConfig config = WrapperConfigLoader.from(Map.of());

        assertThat(config.serverUrl()).isEqualTo(URI.create("http://127.0.0.1:5555"));
        assertThat(config.apiKey()).isNull();
        assertThat(config.namespace()).isEqualTo("msb-mcp");
        assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.orphanCleanupInterval()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.maxSessions()).isEqualTo(10);
        assertThat(config.maxTotalMemoryMb()).isNull();
        assertThat(config.defaultFlavor()).isEqualTo(Flavor.SMALL);
        assertThat(config.volumeMappings()).isEmpty();
        assertThat(config.sandboxStartTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(config.executionTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.maxOutputBytes()).isEqualTo(1024 * 1024);
    }

    @Test
    void from_everyVariableSet_readsEachOne() {
        WrapperConfig config = WrapperConfigLoader.from(Map.ofEntries(
                Map.entry("MSB_SERVER_URL", "https://msb.internal:8443/"),
                Map.entry("MSB_API_KEY", "msb_secret.value"),
                Map.entry("MSB_NAMESPACE", "team-a"),
                Map.entry("MSB_SESSION_TIMEOUT", "600"),
                Map.entry("MSB_CLEANUP_INTERVAL", "5"),
                Map.entry("MSB_ORPHAN_CLEANUP_INTERVAL", "30"),
                Map.entry("MSB_MAX_SESSIONS", "50"),
                Map.entry("MSB_MAX_TOTAL_MEMORY_MB", "8192"),
                Map.entry("MSB_DEFAULT_FLAVOR", "medium"),
                Map.entry("MSB_SHARED_VOLUME_PATH", "[\"/srv/data:/data\"]"),
                Map.entry("MSB_SANDBOX_START_TIMEOUT", "90"),
                Map.entry("MSB_EXECUTION_TIMEOUT", "60"),
                Map.entry("MSB_MAX_OUTPUT_BYTES", "4096"),
                Map.entry("MSB_MAX_SESSIONS_PER_PRINCIPAL", "3")));

        assertThat(config.maxSessionsPerPrincipal()).isEqualTo(3);

        assertThat(config.serverUrl()).isEqualTo(URI.create("https://msb.internal:8443"));
        assertThat(config.apiKey()).isEqualTo("msb_secret.value");
        assertThat(config.namespace()).isEqualTo("team-a");
        assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.cleanupInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.orphanCleanupInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxSessions()).isEqualTo(50);
        assertThat(config.maxTotalMemoryMb()).isEqualTo(8192L);
        assertThat(config.defaultFlavor()).isEqualTo(Flavor.MEDIUM);
        assertThat(config.volumeMappings()).containsExactly(new VolumeMapping("/srv/data", "/data"));
        assertThat(config.sandboxStartTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.executionTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxOutputBytes()).isEqualTo(4096);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "MSB_SERVER_URL|ftp://host:21|http:// or https://",
                "MSB_SERVER_URL|http://user:pw@host:5555|must not contain credentials",
                "MSB_SERVER_URL|not a url|not a valid URL",
                "MSB_NAMESPACE|-bad|1-63 characters",
                "MSB_NAMESPACE|has space|1-63 characters",
                "MSB_SESSION_TIMEOUT|abc|whole number of seconds",
                "MSB_SESSION_TIMEOUT|0|between 1 and",
                "MSB_CLEANUP_INTERVAL|-5|between 1 and",
                "MSB_ORPHAN_CLEANUP_INTERVAL|1.5|whole number",
                "MSB_MAX_SESSIONS|0|between 1 and 10000",
                "MSB_MAX_SESSIONS|99999999999999999999|whole number",
                "MSB_MAX_TOTAL_MEMORY_MB|100|between 1024 and",
                "MSB_DEFAULT_FLAVOR|huge|one of small, medium, large",
                "MSB_SANDBOX_START_TIMEOUT|4000|between 1 and 3600",
                "MSB_EXECUTION_TIMEOUT|x|whole number",
                "MSB_MAX_OUTPUT_BYTES|10|between 1024 and",
                "MSB_MAX_SESSIONS_PER_PRINCIPAL|0|between 1 and",
                "MSB_SHARED_VOLUME_PATH|relative:/data|not absolute",
            })
    void from_badValue_throwsOneMessageNamingTheVariable(String variable, String value, String reason) {
        assertThatThrownBy(() -> WrapperConfigLoader.from(Map.of(variable, value)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Invalid " + variable).contains(reason);
                    assertThat(e.getMessage()).doesNotContain("\n");
                    assertThat(e.variable()).isEqualTo(variable);
                });
    }

    @Test
    void from_apiKeyWithSpace_neverQuotesTheKey() {
        assertThatThrownBy(() -> WrapperConfigLoader.from(Map.of("MSB_API_KEY", "msb_top secret")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MSB_API_KEY")
                .hasMessageNotContaining("top secret");
    }

    @Test
    void toString_withApiKey_masksTheKey() {
        WrapperConfig config = WrapperConfigLoader.from(Map.of("MSB_API_KEY", "msb_supersecret"));

        assertThat(config.toString()).doesNotContain("supersecret").contains("apiKey=***");
    }

    @Test
    void from_blankVariable_countsAsUnset() {
        WrapperConfig config = WrapperConfigLoader.from(Map.of("MSB_MAX_SESSIONS", "  ", "MSB_API_KEY", ""));

        assertThat(config.maxSessions()).isEqualTo(10);
        assertThat(config.apiKey()).isNull();
    }

    @Test
    void variables_listsEveryVariableTheLoaderReads() {
        assertThat(WrapperConfigLoader.VARIABLES).hasSize(16).allMatch(v -> v.startsWith("MSB_"));
    }

    @Test
    void from_fileLimits_readsBothAndDefaults() {
        WrapperConfig defaults = WrapperConfigLoader.from(Map.of());
        WrapperConfig set =
                WrapperConfigLoader.from(Map.of("MSB_MAX_FILE_BYTES", "1048576", "MSB_MAX_INLINE_IMAGE_BYTES", "0"));

        assertThat(defaults.maxFileBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(defaults.maxInlineImageBytes()).isEqualTo(1024 * 1024);
        assertThat(set.maxFileBytes()).isEqualTo(1048576);
        assertThat(set.maxInlineImageBytes()).isZero();
    }

    @Test
    void from_fileLimitZero_namesTheVariable() {
        assertThatThrownBy(() -> WrapperConfigLoader.from(Map.of("MSB_MAX_FILE_BYTES", "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("MSB_MAX_FILE_BYTES");
    }

    @Test
    void volumeMappings_commaSeparated_parsesEachEntry() {
        List<VolumeMapping> mappings = VolumeMappingParser.parse("/a:/x, /b/c/:/y/z");

        assertThat(mappings).containsExactly(new VolumeMapping("/a", "/x"), new VolumeMapping("/b/c", "/y/z"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/a|exactly one ':'",
                "/a:/b:/c|exactly one ':'",
                ":/b|host path is empty",
                "/a:|container path is empty",
                "/a:rel|not absolute",
                "/a/../etc:/b|contains '..'",
                "/a:/|must not be '/'",
            })
    void volumeMappings_badEntry_namesTheEntry(String entry, String reason) {
        assertThatThrownBy(() -> VolumeMappingParser.parse("[\"" + entry + "\"]"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.getMessage()).contains("'" + entry + "'").contains(reason);
                    assertThat(e.variable()).isEqualTo("MSB_SHARED_VOLUME_PATH");
                });
    }

    @Test
    void volumeMappings_sameContainerPathTwice_isRefused() {
        assertThatThrownBy(() -> VolumeMappingParser.parse("/a:/data,/b:/data"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mapped twice");
    }

    @Test
    void volumeMappings_brokenJson_isRefused() {
        assertThatThrownBy(() -> VolumeMappingParser.parse("[\"/a:/b\""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not a valid JSON array");
        assertThatThrownBy(() -> VolumeMappingParser.parse("[1]"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("must be a string");
    }

    @Test
    void volumeMappings_emptyCommaEntry_isRefused() {
        assertThatThrownBy(() -> VolumeMappingParser.parse("/a:/b,,/c:/d"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("empty entry");
    }
}

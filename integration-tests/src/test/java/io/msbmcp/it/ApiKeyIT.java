package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code MSB_API_KEY} between the two real processes: a dev server that requires a key ({@code --api-key-env}) serves
 * an adapter holding that key, and refuses one holding another, which then answers -32603 {@code
 * CONFIGURATION_ERROR} with hints and never shows either key.
 */
@Timeout(120)
final class ApiKeyIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    private static final String KEY = "msb_it-right-key-7c1d9e";
    private static final String WRONG_KEY = "msb_it-wrong-key-33aa01";
    private static DevServerProcess devServer;

    @BeforeAll
    static void startDevServer() {
        devServer = it.track(DevServerProcess.start(
                it.logDir(), Map.of("MSB_IT_DEV_KEY", KEY), List.of("--api-key-env", "MSB_IT_DEV_KEY")));
    }

    @Test
    void executeCode_adapterHoldsTheKey_works() {
        AdapterProcess adapter = it.start(AdapterProcess.builder(devServer.baseUrl(), "it-key", it.logDir())
                .name("adapter-right-key")
                .env("MSB_API_KEY", KEY));

        McpResponse response = adapter.mcp().callTool("execute_code", Map.of("code", "print('keyed')"));

        assertThat(response.isError()).as(response.raw()).isFalse();
        assertThat(response.structured().path("stdout").asText()).isEqualTo("keyed");
        assertThat(adapter.health().status()).isEqualTo(200);
    }

    @Test
    void executeCode_adapterHoldsAnotherKey_configurationErrorWithoutTheKey() {
        AdapterProcess adapter = it.start(AdapterProcess.builder(devServer.baseUrl(), "it-key", it.logDir())
                .name("adapter-wrong-key")
                .env("MSB_API_KEY", WRONG_KEY));

        McpResponse response = adapter.mcp().callTool("execute_code", Map.of("code", "print('never')"));

        assertThat(response.error().path("code").asInt()).isEqualTo(-32603);
        assertThat(response.errorCode()).isEqualTo("CONFIGURATION_ERROR");
        assertThat(response.error().path("data").path("recovery_suggestions").toString())
                .contains("MSB_API_KEY");
        assertThat(response.raw()).doesNotContain(WRONG_KEY).doesNotContain(KEY);
        assertThat(adapter.process().stderr()).doesNotContain(WRONG_KEY).doesNotContain(KEY);
    }
}

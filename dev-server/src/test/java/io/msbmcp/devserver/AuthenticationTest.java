package io.msbmcp.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
final class AuthenticationTest {
    private static final String KEY = "msb_test-key-123";
    private static final String METRICS =
            "{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.metrics.get\",\"params\":{\"namespace\":\"*\"},\"id\":1}";

    @RegisterExtension
    static final RunningDevServer dev = new RunningDevServer(
            builder -> builder.isolation(IsolationMode.NONE).apiKey(KEY));

    @Test
    void rpc_noKey_is401InvalidCredentials() {
        RpcClient.Answer answer = dev.client().postJson(METRICS);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json())
                .isEqualTo(RpcClient.MAPPER.valueToTree(Map.of("error", "Invalid credentials", "code", 1001)));
    }

    @Test
    void rpc_wrongKey_is401() {
        assertThat(dev.client()
                        .postJson(METRICS, "Authorization", "Bearer msb_wrong")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void rpc_bearerKey_isAccepted() {
        assertThat(dev.client()
                        .postJson(METRICS, "Authorization", "Bearer " + KEY)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void rpc_rawKey_isAccepted() {
        assertThat(dev.client().postJson(METRICS, "Authorization", KEY).status())
                .isEqualTo(200);
    }

    @Test
    void rpc_noKeyAndWrongMethod_is401BeforeMethodCheck() {
        assertThat(dev.client().send("GET", "/api/v1/rpc", null, null).status()).isEqualTo(401);
        assertThat(dev.client()
                        .send("GET", "/api/v1/rpc", null, null, "Authorization", "Bearer " + KEY)
                        .status())
                .isEqualTo(405);
    }

    @Test
    void health_noKey_isOpen() {
        assertThat(dev.client().send("GET", "/api/v1/health", null, null).status())
                .isEqualTo(200);
    }

    @Test
    void config_toString_hidesKey() {
        assertThat(DevServerConfig.builder().apiKey(KEY).build().toString()).doesNotContain(KEY);
    }
}

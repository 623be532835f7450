package io.msbmcp.devserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

final class ApiKeyCheckTest {
    private final ApiKeyCheck check = new ApiKeyCheck("msb_key");

    @Test
    void accepts_bearerAuthorization_isTrue() {
        assertThat(check.accepts(HttpFields.build().put("Authorization", "Bearer msb_key")))
                .isTrue();
    }

    @Test
    void accepts_rawAuthorization_isTrue() {
        assertThat(check.accepts(HttpFields.build().put("Authorization", "msb_key")))
                .isTrue();
    }

    @Test
    void accepts_proxyAuthorizationPresent_winsOverAuthorization() {
        HttpFields good =
                HttpFields.build().put("Proxy-Authorization", "Bearer msb_key").put("Authorization", "x");
        HttpFields bad = HttpFields.build().put("Proxy-Authorization", "x").put("Authorization", "Bearer msb_key");

        assertThat(check.accepts(good)).isTrue();
        assertThat(check.accepts(bad)).isFalse();
    }

    @Test
    void accepts_noHeader_isFalse() {
        assertThat(check.accepts(HttpFields.build())).isFalse();
    }

    @Test
    void accepts_prefixOfKey_isFalse() {
        assertThat(check.accepts(HttpFields.build().put("Authorization", "Bearer msb_ke")))
                .isFalse();
    }

    @Test
    void isJson_vendorJsonWithParameters_isTrue() {
        assertThat(ApiHandler.isJson("application/vnd.api+json; charset=utf-8")).isTrue();
        assertThat(ApiHandler.isJson("application/json")).isTrue();
        assertThat(ApiHandler.isJson("text/json")).isFalse();
        assertThat(ApiHandler.isJson(null)).isFalse();
    }
}

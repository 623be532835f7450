package io.msbmcp.adapter.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.wrapper.call.CallContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The principal of a request: the name of the token it carries, {@code default} without authentication. */
final class PrincipalsTest {
    private static final String ALICE = "alice-token-0123456789";
    private static final String BOB = "bob-token-9876543210ab";
    private static final String SINGLE = "single-token-abcdefghij";

    private final EndpointSecurity security = new EndpointSecurity(ServerConfig.builder()
            .authToken(SINGLE)
            .authTokens(Map.of("alice", ALICE, "bob", BOB))
            .build());

    @Test
    void eachToken_namesItsPrincipal() {
        assertThat(security.checkAuthorization("Bearer " + ALICE)).isNull();
        assertThat(security.principal("Bearer " + ALICE)).isEqualTo("alice");
        assertThat(security.principal("bearer " + BOB)).isEqualTo("bob");
        assertThat(security.principal("Bearer " + SINGLE)).isEqualTo(CallContext.DEFAULT_PRINCIPAL);
    }

    @Test
    void unknownOrMissingToken_isRefused() {
        assertThat(security.checkAuthorization(null)).isNotNull();
        assertThat(security.checkAuthorization("Bearer " + ALICE + "x").status())
                .isEqualTo(401);
        assertThat(security.checkAuthorization("Bearer ").status()).isEqualTo(401);
        assertThatThrownBy(() -> security.principal("Bearer nobody-0123456789abc"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noAuthentication_isOnePrincipal() {
        EndpointSecurity open = new EndpointSecurity(ServerConfig.defaults());

        assertThat(open.authRequired()).isFalse();
        assertThat(open.principal(null)).isEqualTo(CallContext.DEFAULT_PRINCIPAL);
        assertThat(open.principal("Bearer anything")).isEqualTo(CallContext.DEFAULT_PRINCIPAL);
    }
}

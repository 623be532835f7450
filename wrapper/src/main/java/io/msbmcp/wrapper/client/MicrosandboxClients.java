package io.msbmcp.wrapper.client;

import io.msbmcp.wrapper.config.WrapperConfig;

/**
 * Builds the Microsandbox client the wrapper uses: the OkHttp client of the legacy API, decorated with one retry and
 * one circuit breaker ({@link ResilientMicrosandboxClient}). The implementations are package-private; this is the only
 * way in.
 */
public final class MicrosandboxClients {
    private MicrosandboxClients() {}

    /** The client for {@code config} with default timeouts and resilience settings. */
    public static MicrosandboxClient create(WrapperConfig config) {
        return create(config, ClientTimeouts.defaults(), ResilienceSettings.defaults());
    }

    /** The client for {@code config} with the given timeouts and resilience settings (tests use tiny ones). */
    public static MicrosandboxClient create(
            WrapperConfig config, ClientTimeouts timeouts, ResilienceSettings resilience) {
        return new ResilientMicrosandboxClient(
                new OkHttpMicrosandboxClient(config, timeouts), resilience, config.serverUrlForDisplay());
    }
}

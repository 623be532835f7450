package io.msbmcp.wrapper.client;

import io.msbmcp.wrapper.config.WrapperConfig;

/** Builds the production client. (Placeholder until the OkHttp client lands.) */
public final class MicrosandboxClients {
    private MicrosandboxClients() {}

    public static MicrosandboxClient create(WrapperConfig config) {
        throw new UnsupportedOperationException("the HTTP client is not built yet");
    }
}

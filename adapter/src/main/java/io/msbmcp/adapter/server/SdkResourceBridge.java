package io.msbmcp.adapter.server;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.msbmcp.adapter.error.ErrorMapper;
import io.msbmcp.adapter.resource.ResourceProvider;
import io.msbmcp.errors.MsbException;
import io.msbmcp.wrapper.call.CallContext;
import java.util.List;

/**
 * Serves a {@link ResourceProvider}'s templates through the SDK servers, until the protocol engine calls the provider
 * itself: each template becomes an SDK template specification whose read handler calls {@link
 * ResourceProvider#read}, with failures mapped as for tools.
 */
final class SdkResourceBridge {
    private SdkResourceBridge() {}

    static List<McpServerFeatures.SyncResourceTemplateSpecification> stateful(ResourceProvider provider) {
        return provider.templates().stream()
                .map(template -> new McpServerFeatures.SyncResourceTemplateSpecification(
                        template, (exchange, request) -> read(provider, request.uri())))
                .toList();
    }

    static List<McpStatelessServerFeatures.SyncResourceTemplateSpecification> stateless(ResourceProvider provider) {
        return provider.templates().stream()
                .map(template -> new McpStatelessServerFeatures.SyncResourceTemplateSpecification(
                        template, (context, request) -> read(provider, request.uri())))
                .toList();
    }

    private static ReadResourceResult read(ResourceProvider provider, String uri) {
        try {
            return provider.read(uri, CallContext.unobserved());
        } catch (MsbException e) {
            throw ErrorMapper.toMcpError(e);
        } catch (RuntimeException e) {
            throw ErrorMapper.unexpected(e, "resources/read");
        }
    }
}

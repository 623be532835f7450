package io.msbmcp.adapter.resource;

import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.wrapper.call.CallContext;
import java.util.List;

/**
 * The resources behind {@code resources/list}, {@code resources/templates/list} and {@code resources/read}. The
 * protocol engine answers those methods from this one provider in both eras; it knows nothing of what the URIs mean.
 */
public interface ResourceProvider {
    /** A provider with no resources: empty lists, and every read is an unknown resource. */
    ResourceProvider NONE = new ResourceProvider() {
        @Override
        public List<Resource> resources(CallContext call) {
            return List.of();
        }

        @Override
        public List<ResourceTemplate> templates() {
            return List.of();
        }

        @Override
        public ReadResourceResult read(String uri, CallContext call) {
            throw InvalidArgumentException.of(
                    "uri",
                    "no resource '" + uri + "'; resources/templates/list shows" + " the URIs this server serves");
        }
    };

    /** The concrete resources {@code call}'s principal may see (may be empty: most resources come from templates). */
    List<Resource> resources(CallContext call);

    /** The URI templates, the same for every caller and in a stable order. */
    List<ResourceTemplate> templates();

    /**
     * Reads one resource for {@code call}'s principal.
     *
     * @throws io.msbmcp.errors.MsbException an unknown or foreign URI is an {@code InvalidArgumentException} naming
     *     {@code uri} (JSON-RPC -32602, as SEP-2164 asks), a session of another principal is not found
     */
    ReadResourceResult read(String uri, CallContext call);
}

package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.devserver.api.ApiException;

/**
 * The routing part of the two methods the real server forwards to a sandbox's portal: {@code params} must be an object
 * with string {@code sandbox} and {@code namespace}; names are not validated, an unknown sandbox is simply not running.
 */
record PortalParams(String sandbox, String namespace) {
    static PortalParams of(JsonNode params) {
        if (!params.isObject()) {
            throw ApiException.invalidInput(
                    "Request parameters must be an object containing 'sandbox' and 'namespace'");
        }
        JsonNode sandbox = params.get("sandbox");
        if (sandbox == null || !sandbox.isTextual()) {
            throw ApiException.invalidInput("Missing required 'sandbox' parameter for portal request");
        }
        JsonNode namespace = params.get("namespace");
        if (namespace == null || !namespace.isTextual()) {
            throw ApiException.invalidInput("Missing required 'namespace' parameter for portal request");
        }
        return new PortalParams(sandbox.asText(), namespace.asText());
    }

    /** The portal refuses parameters it cannot read; the server turns that into an internal error. */
    static ApiException invalid(ParamException e) {
        return ApiException.internal("Portal refused the request: Invalid parameters: " + e.getMessage());
    }
}

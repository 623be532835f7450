package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON-RPC method: takes the request's {@code params}, returns the {@code result} (serialized by Jackson). */
interface RpcMethod {
    String name();

    /** Throws {@link io.msbmcp.devserver.api.ApiException} for every failure the client sees. */
    Object call(JsonNode params) throws InterruptedException;
}

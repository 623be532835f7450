package io.msbmcp.devserver.rpc;

import io.msbmcp.devserver.api.ApiException;

/** Parameters that do not deserialize into a method's parameter struct; the message reads like serde's. */
final class ParamException extends Exception {
    private static final long serialVersionUID = 1L;

    ParamException(String message) {
        super(message);
    }

    /** The server's 400 answer for these params of {@code method}: {@code Invalid params for <method>: <serde text>}. */
    ApiException toInvalidParams(String method) {
        return ApiException.invalidInput("Invalid params for " + method + ": " + getMessage());
    }
}

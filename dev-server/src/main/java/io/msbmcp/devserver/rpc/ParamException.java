package io.msbmcp.devserver.rpc;

/** Parameters that do not deserialize into a method's parameter struct; the message reads like serde's. */
final class ParamException extends Exception {
    private static final long serialVersionUID = 1L;

    ParamException(String message) {
        super(message);
    }
}

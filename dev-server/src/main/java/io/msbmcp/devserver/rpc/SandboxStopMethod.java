package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.devserver.sandbox.SandboxManager;

/** {@code sandbox.stop {sandbox, namespace}} → {@code "Sandbox <name> stopped successfully"}. */
final class SandboxStopMethod implements RpcMethod {
    static final String NAME = "sandbox.stop";

    private final SandboxManager sandboxes;

    SandboxStopMethod(SandboxManager sandboxes) {
        this.sandboxes = sandboxes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object call(JsonNode params) {
        String sandbox;
        String namespace;
        try {
            ParamReader reader = ParamReader.of(params, "SandboxStopParams");
            sandbox = reader.requiredString("sandbox");
            namespace = reader.requiredString("namespace");
        } catch (ParamException e) {
            throw e.toInvalidParams(NAME);
        }
        NameRules.checkSandboxName(sandbox);
        NameRules.checkNamespace(namespace);
        return sandboxes.stop(namespace, sandbox);
    }
}

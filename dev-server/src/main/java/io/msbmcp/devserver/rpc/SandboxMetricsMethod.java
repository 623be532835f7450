package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.devserver.api.MetricsResult;
import io.msbmcp.devserver.sandbox.SandboxManager;

/** {@code sandbox.metrics.get {namespace, sandbox?}} → {@code {"sandboxes":[…]}}; {@code "*"} means every namespace. */
final class SandboxMetricsMethod implements RpcMethod {
    static final String NAME = "sandbox.metrics.get";

    private final SandboxManager sandboxes;

    SandboxMetricsMethod(SandboxManager sandboxes) {
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
            ParamReader reader = ParamReader.of(params, "SandboxMetricsGetParams");
            sandbox = reader.optionalString("sandbox");
            namespace = reader.requiredString("namespace");
        } catch (ParamException e) {
            throw e.toInvalidParams(NAME);
        }
        if (!namespace.equals("*")) {
            NameRules.checkNamespace(namespace);
        }
        if (sandbox != null) {
            NameRules.checkSandboxName(sandbox);
        }
        return new MetricsResult(sandboxes.metrics(namespace, sandbox));
    }
}

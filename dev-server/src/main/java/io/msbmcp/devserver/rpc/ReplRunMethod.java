package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.devserver.sandbox.SandboxManager;

/**
 * {@code sandbox.repl.run {sandbox, namespace, language, code, timeout?}} →
 * {@code {"status":"success","language":…,"output":[…]}}.
 */
final class ReplRunMethod implements RpcMethod {
    static final String NAME = "sandbox.repl.run";

    private final SandboxManager sandboxes;

    ReplRunMethod(SandboxManager sandboxes) {
        this.sandboxes = sandboxes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object call(JsonNode params) throws InterruptedException {
        PortalParams target = PortalParams.of(params);
        String code;
        String language;
        Long timeout;
        try {
            ParamReader reader = ParamReader.of(params, "SandboxReplRunParams");
            code = reader.requiredString("code");
            language = reader.requiredString("language");
            timeout = reader.optionalUnsigned("timeout", "u64", Long.MAX_VALUE);
        } catch (ParamException e) {
            throw PortalParams.invalid(e);
        }
        return sandboxes.runRepl(target.namespace(), target.sandbox(), language, code, timeout);
    }
}

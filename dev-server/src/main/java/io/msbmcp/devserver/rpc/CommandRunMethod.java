package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.devserver.sandbox.SandboxManager;
import java.util.List;

/**
 * {@code sandbox.command.run {sandbox, namespace, command, args?, timeout?}} →
 * {@code {"command","args","exit_code","success","output"}}.
 */
final class CommandRunMethod implements RpcMethod {
    static final String NAME = "sandbox.command.run";

    private final SandboxManager sandboxes;

    CommandRunMethod(SandboxManager sandboxes) {
        this.sandboxes = sandboxes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object call(JsonNode params) throws InterruptedException {
        PortalParams target = PortalParams.of(params);
        String command;
        List<String> args;
        Long timeout;
        try {
            ParamReader reader = ParamReader.of(params, "SandboxCommandRunParams");
            command = reader.requiredString("command");
            args = reader.stringList("args");
            timeout = reader.optionalUnsigned("timeout", "u64", Long.MAX_VALUE);
        } catch (ParamException e) {
            throw PortalParams.invalid(e);
        }
        return sandboxes.runCommand(target.namespace(), target.sandbox(), command, args, timeout);
    }
}

package io.msbmcp.devserver.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.devserver.sandbox.SandboxConfig;
import io.msbmcp.devserver.sandbox.SandboxManager;
import org.jspecify.annotations.Nullable;

/** {@code sandbox.start {sandbox, namespace, config?}} → {@code "Sandbox <name> started successfully"}. */
final class SandboxStartMethod implements RpcMethod {
    static final String NAME = "sandbox.start";

    private final SandboxManager sandboxes;

    SandboxStartMethod(SandboxManager sandboxes) {
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
        SandboxConfig config;
        try {
            ParamReader reader = ParamReader.of(params, "SandboxStartParams");
            sandbox = reader.requiredString("sandbox");
            namespace = reader.requiredString("namespace");
            config = config(reader.optionalStruct("config", "SandboxConfig"));
        } catch (ParamException e) {
            throw e.toInvalidParams(NAME);
        }
        NameRules.checkSandboxName(sandbox);
        NameRules.checkNamespace(namespace);
        return sandboxes.start(namespace, sandbox, config);
    }

    private static @Nullable SandboxConfig config(@Nullable ParamReader reader) throws ParamException {
        if (reader == null) {
            return null;
        }
        Long cpus = reader.optionalUnsigned("cpus", "u8", 255);
        return new SandboxConfig(
                reader.optionalString("image"),
                reader.optionalUnsigned("memory", "u32", 4_294_967_295L),
                cpus == null ? null : cpus.intValue(),
                reader.stringList("volumes"),
                reader.stringList("ports"),
                reader.stringList("envs"),
                reader.stringList("depends_on"),
                reader.optionalString("workdir"),
                reader.optionalString("shell"),
                reader.stringMap("scripts"),
                reader.optionalString("exec"));
    }
}

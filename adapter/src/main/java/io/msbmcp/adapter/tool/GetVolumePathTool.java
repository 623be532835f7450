package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.VolumeMapping;
import io.msbmcp.wrapper.call.CallContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code get_volume_path}: the host folders shared with every sandbox. */
public final class GetVolumePathTool implements McpTool {
    public static final String NAME = "get_volume_path";

    private static final String INPUT_SCHEMA = """
            {"type": "object", "properties": {}, "additionalProperties": false}""";

    private static final String OUTPUT_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "volume_mappings": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "host_path": {"type": "string"},
                      "container_path": {"type": "string"}
                    },
                    "required": ["host_path", "container_path"]
                  }
                }
              },
              "required": ["volume_mappings"]
            }""";

    private final MicrosandboxWrapper wrapper;
    private final Tool definition;

    public GetVolumePathTool(MicrosandboxWrapper wrapper) {
        this.wrapper = wrapper;
        this.definition = ToolDefinitions.define(
                NAME,
                "Get shared volumes",
                "List the host folders shared with every sandbox and the path each has inside the"
                        + " sandbox. Files written under a container_path are visible on the host.",
                INPUT_SCHEMA,
                OUTPUT_SCHEMA,
                new ToolDefinitions.Hints(true, false, true, false));
    }

    @Override
    public Tool definition() {
        return definition;
    }

    @Override
    public CallToolResult call(ToolArguments arguments, CallContext call) {
        List<VolumeMapping> mappings = wrapper.volumeMappings();
        List<Map<String, Object>> items = new ArrayList<>(mappings.size());
        StringBuilder text = new StringBuilder(
                mappings.isEmpty()
                        ? "No shared volumes are configured (MSB_SHARED_VOLUME_PATH is unset)."
                        : "Shared volumes (host path -> sandbox path):");
        for (VolumeMapping mapping : mappings) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("host_path", mapping.hostPath());
            item.put("container_path", mapping.containerPath());
            items.add(item);
            text.append("\n- ").append(mapping.hostPath()).append(" -> ").append(mapping.containerPath());
        }
        return ToolDefinitions.result(text.toString(), Map.of("volume_mappings", items), false);
    }
}

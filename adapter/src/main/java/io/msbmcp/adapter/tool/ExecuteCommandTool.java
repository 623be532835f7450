package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.wrapper.CommandExecutionResult;
import io.msbmcp.wrapper.ExecuteCommandRequest;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.call.CallContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code execute_command}: runs one shell line ({@code sh -c}) in a session's sandbox. */
public final class ExecuteCommandTool implements McpTool {
    public static final String NAME = "execute_command";

    private static final String OUTPUT_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "session_id": {"type": "string", "description": "The session the command ran in; pass it again to reuse the session."},
                "session_created": {"type": "boolean", "description": "True when this call created the session (earlier state under this id is gone)."},
                "template": {"type": "string", "enum": ["python", "node"]},
                "flavor": {"type": "string", "enum": ["small", "medium", "large"]},
                "command": {"type": "string"},
                "stdout": {"type": "string"},
                "stderr": {"type": "string"},
                "exit_code": {"type": ["integer", "null"], "description": "The exit code; null when the command timed out and was killed."},
                "success": {"type": "boolean", "description": "True when the exit code is 0."},
                "execution_time_ms": {"type": "integer", "minimum": 0},
                "truncated": {"type": "boolean", "description": "True when stdout or stderr was capped (head and tail kept)."},
                "timed_out": {"type": "boolean", "description": "True when the command hit its timeout; its process group was ended."},
                "session_reset": {"type": "boolean", "description": "True when the session's sandbox was restarted and its state is gone (this command, or an earlier cancelled call, could not be ended)."},
              %s
              },
              "required": ["session_id", "session_created", "template", "flavor", "command", "stdout", "stderr",
                           "exit_code", "success", "execution_time_ms", "truncated", "timed_out", "session_reset", "files"]
            }""".formatted(FileContents.FILES_SCHEMA);

    private final MicrosandboxWrapper wrapper;
    private final Tool definition;

    public ExecuteCommandTool(MicrosandboxWrapper wrapper) {
        this.wrapper = wrapper;
        String inputSchema =
                """
                {
                  "type": "object",
                  "properties": {
                    "command": {
                      "type": "string", "minLength": 1,
                      "description": "One whole shell line, run with sh -c: pipes, redirections, &&, || and expansions work, e.g. \\"ls -la /tmp | grep py && echo done\\"."
                    },
                    %s,
                    "workdir": {
                      "type": "string", "minLength": 1, "maxLength": 4096,
                      "description": "Directory to run in; default: the sandbox's working directory."
                    },
                    "env": {
                      "type": "object", "maxProperties": 100,
                      "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                      "additionalProperties": {"type": "string"},
                      "description": "Extra environment variables for this command only, e.g. {\\"DEBUG\\": \\"1\\"}."
                    },
                    %s
                  },
                  "required": ["command"],
                  "additionalProperties": false
                }""".formatted(SessionArguments.properties(wrapper.config()), FileContents.COLLECT_FILES_SCHEMA);
        this.definition = ToolDefinitions.define(
                NAME,
                "Execute shell command",
                "Run one shell command line (sh -c: pipes, redirections, &&, variables) in an isolated"
                        + " Microsandbox sandbox and return stdout, stderr and the exit code. Sessions are shared"
                        + " with execute_code: pass the session_id from an earlier result to work on the same files."
                        + " A non-zero exit code or a timeout marks the result as an error.",
                inputSchema,
                OUTPUT_SCHEMA,
                new ToolDefinitions.Hints(false, true, false, true));
    }

    @Override
    public Tool definition() {
        return definition;
    }

    @Override
    public CallToolResult call(ToolArguments arguments, CallContext call) {
        ExecuteCommandRequest request = new ExecuteCommandRequest(
                arguments.string("command", ""),
                SessionArguments.template(arguments),
                arguments.string(SessionArguments.SESSION_ID),
                SessionArguments.flavor(arguments),
                SessionArguments.timeout(arguments),
                arguments.string("workdir"),
                arguments.stringMap("env"),
                !Boolean.FALSE.equals(arguments.bool("collect_files")));
        CommandExecutionResult result = wrapper.executeCommand(request, call);

        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", result.sessionId());
        structured.put("session_created", result.sessionCreated());
        structured.put("template", result.template().id());
        structured.put("flavor", result.flavor().id());
        structured.put("command", result.command());
        structured.put("stdout", result.stdout());
        structured.put("stderr", result.stderr());
        structured.put("exit_code", result.exitCode());
        structured.put("success", result.success());
        structured.put("execution_time_ms", result.executionTimeMs());
        structured.put("truncated", result.truncated());
        structured.put("timed_out", result.timedOut());
        structured.put("session_reset", result.sessionReset());
        structured.put("files", FileContents.structured(result.sessionId(), result.files()));

        ExecutionText text = new ExecutionText().output(result.stdout(), result.stderr());
        if (result.timedOut()) {
            text.note(
                    result.sessionReset()
                            ? "timed out; the command could not be ended, so the sandbox was restarted and the"
                                    + " session's earlier state is gone"
                            : "timed out; the command's process group was ended; the session's state is kept");
        } else if (result.exitCode() != null) {
            text.note("exit code " + result.exitCode());
        }
        if (!result.timedOut() && result.sessionReset()) {
            text.note("the sandbox was restarted (an earlier cancelled call could not be ended), so the session's"
                    + " earlier state is gone");
        }
        if (result.truncated()) {
            text.note("output truncated: the middle of a long stream was cut");
        }
        return ToolDefinitions.result(
                text.session(result.sessionId(), result.sessionCreated(), result.sessionReset()),
                structured,
                !result.success(),
                FileContents.artifacts(result.sessionId(), result.files()));
    }

    /** Code can run for minutes: a client may run it as a task and come back for the result. */
    @Override
    public TaskSupport taskSupport() {
        return TaskSupport.OPTIONAL;
    }
}

package io.msbmcp.adapter.tool;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.msbmcp.wrapper.CodeExecutionResult;
import io.msbmcp.wrapper.ExecuteCodeRequest;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import io.msbmcp.wrapper.call.CallContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code execute_code}: runs Python or Node.js code in a session's REPL. */
public final class ExecuteCodeTool implements McpTool {
    public static final String NAME = "execute_code";

    private static final String OUTPUT_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "session_id": {"type": "string", "description": "The session the code ran in; pass it again to reuse the session."},
                "session_created": {"type": "boolean", "description": "True when this call created the session (earlier state under this id is gone)."},
                "template": {"type": "string", "enum": ["python", "node"]},
                "flavor": {"type": "string", "enum": ["small", "medium", "large"]},
                "stdout": {"type": "string"},
                "stderr": {"type": "string"},
                "success": {"type": "boolean", "description": "False when the code raised an uncaught error, timed out or ended its interpreter."},
                "execution_time_ms": {"type": "integer", "minimum": 0},
                "truncated": {"type": "boolean", "description": "True when stdout or stderr was capped (head and tail kept)."},
                "timed_out": {"type": "boolean"},
                "session_reset": {"type": "boolean", "description": "True when the session's earlier state is gone: the code could not be interrupted after its timeout, the interpreter exited, an earlier cancelled call could not be interrupted, or the sandbox lost its state behind the server's back (the Microsandbox server restarted). A timeout that interrupted the code keeps the state (timed_out true, session_reset false)."},
                "session_reset_reason": {"type": "string", "description": "Why the session's state is gone, when session_reset is true."},
              %s
              },
              "required": ["session_id", "session_created", "template", "flavor", "stdout", "stderr", "success",
                           "execution_time_ms", "truncated", "timed_out", "session_reset", "files"]
            }""".formatted(FileContents.FILES_SCHEMA);

    private final MicrosandboxWrapper wrapper;
    private final Tool definition;

    public ExecuteCodeTool(MicrosandboxWrapper wrapper) {
        this.wrapper = wrapper;
        String inputSchema =
                """
                {
                  "type": "object",
                  "properties": {
                    "code": {
                      "type": "string", "minLength": 1,
                      "description": "The code to run. It runs in a persistent REPL, so variables, imports and files stay for later calls on the same session."
                    },
                    %s,
                    "dependencies": {
                      "type": "array", "maxItems": 50,
                      "items": {"type": "string", "minLength": 1, "maxLength": 500},
                      "description": "Packages to install into the session before running (pip for python, npm for node), each once per session, e.g. [\\"requests==2.32.3\\"]."
                    },
                    %s
                  },
                  "required": ["code"],
                  "additionalProperties": false
                }""".formatted(SessionArguments.properties(wrapper.config()), FileContents.COLLECT_FILES_SCHEMA);
        this.definition = ToolDefinitions.define(
                NAME,
                "Execute code",
                "Run Python or Node.js code in an isolated Microsandbox sandbox and return its output."
                        + " Each call runs in a session: leave out session_id to start a new one, or pass the"
                        + " session_id from an earlier result to keep its variables, imports and files. The result"
                        + " has stdout, stderr and success (false when the code raised an uncaught error or timed"
                        + " out). Idle sessions are stopped after "
                        + wrapper.config().sessionTimeout().toMinutes() + " minutes.",
                inputSchema,
                OUTPUT_SCHEMA,
                new ToolDefinitions.Hints(false, true, false, true));
    }

    /** True when this run itself ended the interpreter (the reset follows the run, not a loss before it). */
    @Override
    public Tool definition() {
        return definition;
    }

    @Override
    public CallToolResult call(ToolArguments arguments, CallContext call) {
        ExecuteCodeRequest request = new ExecuteCodeRequest(
                arguments.string("code", ""),
                SessionArguments.template(arguments),
                arguments.string(SessionArguments.SESSION_ID),
                SessionArguments.flavor(arguments),
                SessionArguments.timeout(arguments),
                arguments.stringList("dependencies"),
                !Boolean.FALSE.equals(arguments.bool("collect_files")));
        CodeExecutionResult result = wrapper.executeCode(request, call);

        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("session_id", result.sessionId());
        structured.put("session_created", result.sessionCreated());
        structured.put("template", result.template().id());
        structured.put("flavor", result.flavor().id());
        structured.put("stdout", result.stdout());
        structured.put("stderr", result.stderr());
        structured.put("success", result.success());
        structured.put("execution_time_ms", result.executionTimeMs());
        structured.put("truncated", result.truncated());
        structured.put("timed_out", result.timedOut());
        structured.put("session_reset", result.sessionReset());
        if (result.resetReason() != null) {
            structured.put("session_reset_reason", result.resetReason());
        }
        structured.put("files", FileContents.structured(result.sessionId(), result.files()));

        ExecutionText text = new ExecutionText().output(result.stdout(), result.stderr());
        if (result.timedOut()) {
            text.note(
                    result.sessionReset()
                            ? "timed out; the code could not be interrupted, so the sandbox was restarted and the"
                                    + " session's earlier state is gone"
                            : "timed out; interrupted; the session's state is kept");
        } else if (result.sessionReset()) {
            text.note(
                    result.resetReason() != null
                            ? result.resetReason()
                            : "the sandbox was restarted (the interpreter exited, or an earlier cancelled call could"
                                    + " not be interrupted), so the session's earlier state is gone");
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

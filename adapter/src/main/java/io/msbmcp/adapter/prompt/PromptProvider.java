package io.msbmcp.adapter.prompt;

import io.modelcontextprotocol.spec.McpSchema.GetPromptResult;
import io.modelcontextprotocol.spec.McpSchema.Prompt;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.wrapper.call.CallContext;
import java.util.List;
import java.util.Map;

/**
 * The prompts behind {@code prompts/list} and {@code prompts/get}, and completions for their arguments ({@code
 * completion/complete}). msb-mcp serves none ({@link #NONE}: an empty list, no {@code completions} capability); the
 * conformance fixture server serves the suite's.
 */
public interface PromptProvider {
    /** No prompts: an empty list, and every get is an unknown prompt. */
    PromptProvider NONE = new PromptProvider() {
        @Override
        public List<Prompt> prompts() {
            return List.of();
        }

        @Override
        public GetPromptResult get(String name, Map<String, String> arguments, CallContext call) {
            throw InvalidArgumentException.of("name", "no prompt '" + name + "'; this server has no prompts");
        }
    };

    /** The prompts, the same for every caller and in a stable order. */
    List<Prompt> prompts();

    /**
     * The messages of prompt {@code name}.
     *
     * @throws io.msbmcp.errors.MsbException or {@code McpError} for an unknown prompt or bad arguments
     */
    GetPromptResult get(String name, Map<String, String> arguments, CallContext call);

    /** Values that complete {@code value} for an argument of a prompt or resource template; none by default. */
    default List<String> complete(String refType, String refName, String argument, String value) {
        return List.of();
    }
}

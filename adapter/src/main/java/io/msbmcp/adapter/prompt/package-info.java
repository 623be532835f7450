/** The prompts behind {@code prompts/list} and {@code prompts/get} (none in msb-mcp itself). */
@NullMarked
package io.msbmcp.adapter.prompt;

import org.jspecify.annotations.NullMarked;

/** The five MCP tools, one class each, with their schemas, argument validation and the registry that adapts them to the SDK. */
@NullMarked
package io.msbmcp.adapter.tool;

import org.jspecify.annotations.NullMarked;

/**
 * MCP tasks: long tool calls that outlive the request that started them. One {@link io.msbmcp.adapter.task.TaskStore}
 * holds them for both wire generations (2025-11-25 core tasks and the 2026-07-28 tasks extension); each task belongs to
 * the caller that created it.
 */
@NullMarked
package io.msbmcp.adapter.task;

import org.jspecify.annotations.NullMarked;

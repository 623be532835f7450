package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.msbmcp.adapter.config.ServerConfig;
import io.msbmcp.adapter.prompt.PromptProvider;
import io.msbmcp.adapter.resource.ResourceProvider;
import io.msbmcp.adapter.server.EndpointSecurity;
import io.msbmcp.adapter.task.TaskEngine;
import io.msbmcp.adapter.tool.Tools;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol engine assembled: the {@code /mcp} servlet with its dispatcher, validator and MCP sessions, and its
 * background threads (progress ticks and keep-alives, the sweep of idle MCP sessions, and firing cancellations). Close it after the HTTP server stops.
 */
public final class McpEndpoint implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(McpEndpoint.class);

    private final McpEndpointServlet servlet;
    private final LegacySessions sessions;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService cancelExecutor;
    private final TaskEngine tasks;

    private McpEndpoint(
            McpEndpointServlet servlet,
            LegacySessions sessions,
            ScheduledExecutorService scheduler,
            ExecutorService cancelExecutor,
            TaskEngine tasks) {
        this.servlet = servlet;
        this.sessions = sessions;
        this.scheduler = scheduler;
        this.cancelExecutor = cancelExecutor;
        this.tasks = tasks;
    }

    /** The engine for {@code tools} and {@code resources} under {@code config}, with no prompts. */
    public static McpEndpoint create(
            ServerConfig config,
            EndpointSecurity security,
            Tools tools,
            ResourceProvider resources,
            ObjectMapper mapper,
            Clock clock) {
        return create(config, security, tools, resources, PromptProvider.NONE, mapper, clock);
    }

    /** The engine for {@code tools}, {@code resources} and {@code prompts} under {@code config}. */
    public static McpEndpoint create(
            ServerConfig config,
            EndpointSecurity security,
            Tools tools,
            ResourceProvider resources,
            PromptProvider prompts,
            ObjectMapper mapper,
            Clock clock) {
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "mcp-progress-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Every plain-JSON tool call schedules a keep-alive and cancels it when it ends, mostly within microseconds:
        // without this, each cancelled task would stay queued for its 2-s delay (tens of thousands under load).
        scheduler.setRemoveOnCancelPolicy(true);
        AtomicInteger cancelThreads = new AtomicInteger();
        ExecutorService cancelExecutor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "mcp-cancel-" + cancelThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        LegacySessions sessions = new LegacySessions(clock, config.mcpSessionSweepInterval());
        long sweep = config.mcpSessionSweepInterval().toMillis();
        scheduler.scheduleAtFixedRate(
                () -> {
                    int removed = sessions.sweep();
                    if (removed > 0) {
                        logger.info("Dropped {} idle MCP session(s)", removed);
                    }
                },
                sweep,
                sweep,
                TimeUnit.MILLISECONDS);
        TaskEngine tasks = TaskEngine.create(config.taskLimits(), config.taskAfter(), mapper, clock);
        scheduler.scheduleAtFixedRate(tasks::sweep, 1, 1, TimeUnit.MINUTES);
        McpEndpointServlet servlet = new McpEndpointServlet(
                security,
                new McpDispatcher(tools, resources, prompts, mapper, tasks),
                new ModernRequestValidator(headerArguments(tools, mapper)),
                sessions,
                mapper,
                scheduler,
                cancelExecutor,
                System::nanoTime,
                config.maxRequestBytes(),
                config.progressInterval());
        return new McpEndpoint(servlet, sessions, scheduler, cancelExecutor, tasks);
    }

    /** Per tool, its arguments annotated {@code x-mcp-header} and the header suffix each is mirrored into. */
    static Map<String, Map<String, String>> headerArguments(Tools tools, ObjectMapper mapper) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (McpSchema.Tool tool : tools.definitions()) {
            JsonNode properties = mapper.valueToTree(tool.inputSchema()).path("properties");
            Map<String, String> annotated = new LinkedHashMap<>();
            properties.fields().forEachRemaining(property -> {
                JsonNode header = property.getValue().get("x-mcp-header");
                if (header != null && header.isTextual()) {
                    annotated.put(property.getKey(), header.textValue());
                }
            });
            if (!annotated.isEmpty()) {
                result.put(tool.name(), Map.copyOf(annotated));
            }
        }
        return result;
    }

    /** The servlet to mount on {@code /mcp} (async supported is not needed: it answers on the request thread). */
    public HttpServlet servlet() {
        return servlet;
    }

    /** Stops the background jobs and forgets the MCP sessions. Idempotent. */
    @Override
    public void close() {
        scheduler.shutdown(); // not shutdownNow: an interrupted keep-alive write would abort its response
        cancelExecutor.shutdown();
        tasks.close();
        sessions.clear();
    }
}

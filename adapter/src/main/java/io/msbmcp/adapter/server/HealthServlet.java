package io.msbmcp.adapter.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.msbmcp.adapter.ServerVersion;
import io.msbmcp.adapter.error.ErrorMapper;
import io.msbmcp.wrapper.HealthReport;
import io.msbmcp.wrapper.MicrosandboxWrapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /} and {@code GET /health}: the seed's status object ({@code status}, {@code server}, {@code version},
 * {@code wrapper_status}) with HTTP 200 when the Microsandbox server answers, {@code "degraded"} / {@code
 * "disconnected"} with 503 when it does not, plus what an operator wants to see. Open to every caller (no token, no
 * Host check) so load balancers and probes can reach it by address; it shows no secrets.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger logger = LoggerFactory.getLogger(HealthServlet.class);
    private static final long MIB = 1024L * 1024L;

    private final transient MicrosandboxWrapper wrapper;
    private final transient ObjectMapper mapper;
    private final transient Clock clock;
    private final Instant startedAt;

    HealthServlet(MicrosandboxWrapper wrapper, ObjectMapper mapper, Clock clock) {
        this.wrapper = wrapper;
        this.mapper = mapper;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        HealthReport report = report();
        boolean connected = report != null && report.connected();
        body.put("status", connected ? "healthy" : "degraded");
        body.put("server", ServerVersion.SERVER_NAME);
        body.put("version", ServerVersion.version());
        body.put("wrapper_status", connected ? "connected" : "disconnected");
        body.put("uptime_seconds", Duration.between(startedAt, clock.instant()).toSeconds());
        if (report != null) {
            body.put("microsandbox_url", report.serverUrl());
            body.put("namespace", report.namespace());
            body.put("circuit_breaker", report.circuitBreaker());
            body.put("active_sessions", report.activeSessions());
            body.put("max_sessions", report.maxSessions());
            body.put("memory_in_use_mb", report.memoryInUseMb());
            body.put("memory_limit_mb", report.memoryLimitMb());
            body.put("sessions_created", report.sessionsCreated());
            body.put("executions", report.executions());
            body.put("orphans_stopped", report.orphansStopped());
            body.put(
                    "last_orphan_sweep",
                    report.lastOrphanSweep() == null
                            ? null
                            : report.lastOrphanSweep().toString());
        }
        Runtime runtime = Runtime.getRuntime();
        body.put("jvm_heap_used_mb", (runtime.totalMemory() - runtime.freeMemory()) / MIB);
        body.put("jvm_heap_max_mb", runtime.maxMemory() / MIB);

        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(connected ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
        response.setContentType(JsonRpcErrors.JSON_UTF8);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private @Nullable HealthReport report() {
        try {
            return wrapper.health();
        } catch (RuntimeException e) {
            String incident = ErrorMapper.newIncidentId();
            logger.warn("Health check of the wrapper failed (incident {})", incident, e);
            return null;
        }
    }
}

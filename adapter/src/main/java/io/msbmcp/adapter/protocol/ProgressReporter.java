package io.msbmcp.adapter.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msbmcp.wrapper.call.ProgressListener;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns the phases a call reports into {@code notifications/progress} on its SSE answer. A new phase is sent at once
 * ("starting sandbox"); while it lasts, {@link #tick()} resends it every {@code interval} with the time spent in it
 * ("running, 40 s"), so a client that resets its timeout on progress never gives up on a long call. Progress is a
 * counter that strictly increases; there is no total. Each tick also writes a {@code :} keep-alive comment, which is
 * how a client that closed the stream is noticed. Time comes from an injected nanosecond clock.
 */
final class ProgressReporter implements ProgressListener, RequestLog {
    /** The phase of a call before the wrapper reports one. */
    static final String INITIAL_PHASE = "working";

    private final SseResponse stream;
    private final ObjectMapper mapper;
    private final @Nullable JsonNode token;
    private final boolean logs;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private String phase = INITIAL_PHASE;
    private long phaseStart;
    private long lastSent;
    private long progress;
    private boolean stopped;

    ProgressReporter(
            SseResponse stream, ObjectMapper mapper, JsonNode token, Duration interval, LongSupplier nanoTime) {
        this(stream, mapper, token, false, interval, nanoTime);
    }

    /**
     * A reporter that sends progress when {@code token} is set and log messages when {@code logs} (the request may
     * receive them).
     */
    ProgressReporter(
            SseResponse stream,
            ObjectMapper mapper,
            @Nullable JsonNode token,
            boolean logs,
            Duration interval,
            LongSupplier nanoTime) {
        this.stream = stream;
        this.mapper = mapper;
        this.token = token;
        this.logs = logs;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.phaseStart = nanoTime.getAsLong();
        this.lastSent = phaseStart;
    }

    /** Sends the first notification ("working"), which also opens the stream. */
    synchronized void start() {
        if (token == null) {
            stream.open();
        } else {
            send();
        }
    }

    @Override
    public synchronized void log(String level, String logger, String data) {
        if (stopped || !logs) {
            return;
        }
        ObjectNode notification = mapper.createObjectNode();
        notification.put("jsonrpc", "2.0");
        notification.put("method", "notifications/message");
        ObjectNode params = notification.putObject("params");
        params.put("level", level);
        params.put("logger", logger);
        params.put("data", data);
        stream.event(notification);
    }

    @Override
    public synchronized void phase(String message) {
        if (stopped || message.isBlank()) {
            return;
        }
        phase = message.strip();
        phaseStart = nanoTime.getAsLong();
        if (token != null) {
            send();
        }
    }

    /** Called every second or so: a keep-alive, and the current phase again once {@code interval} has passed. */
    synchronized void tick() {
        if (stopped) {
            return;
        }
        stream.keepAlive();
        if (token != null && nanoTime.getAsLong() - lastSent >= intervalNanos) {
            send();
        }
    }

    /** No more notifications after this (the result follows, or the call was cancelled). */
    synchronized void stop() {
        stopped = true;
    }

    synchronized long progress() {
        return progress;
    }

    private void send() {
        long now = nanoTime.getAsLong();
        long seconds = Duration.ofNanos(now - phaseStart).toSeconds();
        progress++;
        lastSent = now;
        ObjectNode notification = mapper.createObjectNode();
        notification.put("jsonrpc", "2.0");
        notification.put("method", "notifications/progress");
        ObjectNode params = notification.putObject("params");
        params.set("progressToken", token);
        params.put("progress", progress);
        params.put("message", seconds >= 1 ? phase + ", " + seconds + " s" : phase);
        stream.event(notification);
    }
}

package io.msbmcp.adapter.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.msbmcp.adapter.config.LogFormat;
import io.msbmcp.adapter.config.LogLevel;
import java.io.BufferedOutputStream;
import java.time.ZoneId;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback at startup from {@code MCP_LOG_LEVEL} / {@code --log-level} and {@code MCP_LOG_FORMAT}. Logs go
 * to standard error: text lines ({@code time level logger - message key="value"…}, {@link TextLineLayout}) or, with {@code json}, one JSON
 * object a line (logstash-logback-encoder's {@link LogstashEncoder}: {@code @timestamp}, {@code level}, {@code
 * logger_name}, {@code thread_name}, {@code message}, {@code stack_trace}, and the event's key-values as top-level
 * fields with their types, e.g. {@code "tool":"execute_code","duration_ms":379}). Jetty is kept at
 * WARN unless the level is DEBUG, where it is INFO.
 *
 * <p>Writing is asynchronous ({@link BatchingAsyncAppender}): the thread that logs only puts the event on a queue,
 * without waking anyone; one background thread ({@code log-writer}) formats, encodes and writes the lines in batches, so
 * formatting, encoding and the write to standard error cost a request nothing. No event is ever dropped: when the queue
 * is full, the logging thread waits for room. {@link #shutdown()} writes what is still queued; call it before the process exits.
 */
public final class LoggingSetup {
    private static final String ASYNC_APPENDER = "async";

    /** Events waiting to be written; a burst of this many calls never waits for the writer. */
    static final int QUEUE_SIZE = 8192;
    /** The buffer in front of stderr; whole events only reach stderr (a flush, or a full buffer, writes it out). */
    static final int STDERR_BUFFER = 64 * 1024;
    /** How long {@link #shutdown()} waits for the queued events to be written. */
    static final int MAX_FLUSH_MILLIS = 5000;

    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%replace( %kvp){'^ $', ''}%n";

    private LoggingSetup() {}

    /** Replaces the current Logback configuration; does nothing when Logback is not the SLF4J backend. */
    public static void configure(LogLevel level, LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        context.reset();

        Encoder<ILoggingEvent> encoder;
        if (format == LogFormat.JSON) {
            LogstashEncoder json = new LogstashEncoder();
            json.setIncludeContext(false);
            json.setContext(context);
            json.start();
            encoder = json;
        } else {
            PatternLayout pattern = new PatternLayout();
            pattern.setPattern(TEXT_PATTERN);
            pattern.setContext(context);
            TextLineLayout lines = new TextLineLayout(pattern, ZoneId.systemDefault());
            lines.setContext(context);
            lines.start();
            LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
            text.setLayout(lines);
            text.setContext(context);
            text.start();
            encoder = text;
        }
        // stderr through a buffer the writer flushes once per batch: System.err flushes (one write(2)) per event
        OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
        console.setName("console");
        console.setContext(context);
        console.setEncoder(encoder);
        console.setImmediateFlush(false);
        console.setOutputStream(new BufferedOutputStream(System.err, STDERR_BUFFER));
        console.start();

        BatchingAsyncAppender async = new BatchingAsyncAppender(console, QUEUE_SIZE, MAX_FLUSH_MILLIS);
        async.setName(ASYNC_APPENDER);
        async.setContext(context);
        async.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(toLogback(level));
        root.addAppender(async);
        context.getLogger("org.eclipse.jetty").setLevel(level == LogLevel.DEBUG ? Level.INFO : Level.WARN);
        context.getLogger("reactor").setLevel(level == LogLevel.DEBUG ? Level.INFO : Level.WARN);
    }

    /**
     * Writes the events still queued (waiting up to {@link #MAX_FLUSH_MILLIS}) and stops logging; called once, as the
     * process exits. Does nothing when Logback is not the SLF4J backend.
     */
    public static void shutdown() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Appender<ILoggingEvent> async =
                    context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(ASYNC_APPENDER);
            if (async != null) {
                async.stop(); // waits for the writer to empty the queue
            }
        }
    }

    static Level toLogback(LogLevel level) {
        return switch (level) {
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARNING -> Level.WARN;
            case ERROR -> Level.ERROR;
        };
    }
}

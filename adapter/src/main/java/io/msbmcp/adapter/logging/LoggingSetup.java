package io.msbmcp.adapter.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.msbmcp.adapter.config.LogFormat;
import io.msbmcp.adapter.config.LogLevel;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback at startup from {@code MCP_LOG_LEVEL} / {@code --log-level} and {@code MCP_LOG_FORMAT}. Logs go
 * to standard error: text lines ({@code time level logger - message key=value…}) or, with {@code json}, one JSON
 * object a line (logstash-logback-encoder's {@link LogstashEncoder}: {@code @timestamp}, {@code level}, {@code
 * logger_name}, {@code thread_name}, {@code message}, {@code stack_trace}, and the event's key-values as top-level
 * fields with their types, e.g. {@code "tool":"execute_code","duration_ms":379}). Jetty is kept at
 * WARN unless the level is DEBUG, where it is INFO.
 */
public final class LoggingSetup {
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
            PatternLayoutEncoder pattern = new PatternLayoutEncoder();
            pattern.setPattern(TEXT_PATTERN);
            pattern.setContext(context);
            pattern.start();
            encoder = pattern;
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName("console");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.setContext(context);
        console.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(toLogback(level));
        root.addAppender(console);
        context.getLogger("org.eclipse.jetty").setLevel(level == LogLevel.DEBUG ? Level.INFO : Level.WARN);
        context.getLogger("reactor").setLevel(level == LogLevel.DEBUG ? Level.INFO : Level.WARN);
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

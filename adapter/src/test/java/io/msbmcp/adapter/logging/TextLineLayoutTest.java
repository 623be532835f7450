package io.msbmcp.adapter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.KeyValuePair;

/** The text format's hand-built line against the one Logback's PatternLayout makes of the same pattern. */
final class TextLineLayoutTest {
    private final LoggerContext context = new LoggerContext();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(
                        "io.msbmcp.adapter.tool.Tools",
                        Level.INFO,
                        "tool call {} {} in {} ms",
                        new Object[] {"execute_code", "success", 12},
                        new String[] {"tool", "execute_code", "duration_ms", "12"}),
                Arguments.of(
                        "io.msbmcp.wrapper.MicrosandboxWrapper",
                        Level.WARN,
                        "Run in session '{}' failed: {}",
                        new Object[] {"s1", "HTTP 500"},
                        new String[0]),
                Arguments.of("Root", Level.ERROR, "no dot in the logger's name", null, new String[] {"k", null}),
                Arguments.of("a.b.C", Level.DEBUG, "quotes \" and = in a value", null, new String[] {"q", "a \"b\"=c"}),
                Arguments.of("a.b.C", Level.TRACE, "ünïcödé ✓", null, new String[0]));
    }

    @ParameterizedTest
    @MethodSource("events")
    void doLayout_eventWithoutThrowable_sameTextAsThePattern(
            String loggerName, Level level, String message, Object[] arguments, String[] keyValues) {
        LoggingEvent event = event(loggerName, level, message, arguments, null, keyValues);
        event.setTimeStamp(Instant.parse("2026-11-30T23:05:09.007Z").toEpochMilli());

        assertThat(layout(ZoneId.systemDefault()).doLayout(event))
                .isEqualTo(pattern(LoggingSetup.TEXT_PATTERN).doLayout(event));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Kolkata", "America/St_Johns", "Europe/Berlin"})
    void doLayout_timesAcrossZonesAndADaylightSavingChange_sameTextAsThePattern(String zoneName) {
        ZoneId zone = ZoneId.of(zoneName);
        PatternLayout pattern = pattern(LoggingSetup.TEXT_PATTERN.replace("SSSXXX}", "SSSXXX, " + zoneName + "}"));
        TextLineLayout layout = layout(zone);
        // across the change of 2026-10-25 in Europe, one event every 7 minutes 13.999 s for a day, and before 1970
        long start = Instant.parse("2026-10-24T12:00:00.000Z").toEpochMilli();
        for (long millis = start; millis < start + 86_400_000L; millis += 433_999) {
            LoggingEvent event = event("a.B", Level.INFO, "m", null, null, new String[0]);
            event.setTimeStamp(millis);
            assertThat(layout.doLayout(event)).isEqualTo(pattern.doLayout(event));
        }
        LoggingEvent old = event("a.B", Level.INFO, "m", null, null, new String[0]);
        old.setTimeStamp(-1);
        assertThat(layout.doLayout(old)).isEqualTo(pattern.doLayout(old));
    }

    @Test
    void doLayout_eventWithThrowable_hasThePatternsStackTrace() {
        String message = "with a throwable";
        LoggingEvent event = event("a.B", Level.ERROR, message, null, new IllegalStateException("boom"), new String[0]);

        String line = layout(ZoneId.systemDefault()).doLayout(event);

        assertThat(line).isEqualTo(pattern(LoggingSetup.TEXT_PATTERN).doLayout(event));
        assertThat(line).contains(message, "java.lang.IllegalStateException: boom", "\tat ");
    }

    @Test
    void doLayout_oneLayoutForLongAndShortLinesOnSeveralThreads_eachLineIsItsOwn() throws Exception {
        TextLineLayout layout = layout(ZoneId.systemDefault());
        PatternLayout pattern = pattern(LoggingSetup.TEXT_PATTERN);
        List<Callable<Boolean>> writers = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
            int id = thread;
            writers.add(() -> {
                for (int i = 0; i < 2_000; i++) {
                    // lines longer and shorter than the buffer kept for the next, in turn
                    String message = "t" + id + " e" + i + " " + "x".repeat(i % 3 == 0 ? 5_000 : i % 50);
                    LoggingEvent event = event("a.B", Level.INFO, message, null, null, new String[] {"i", "" + i});
                    if (!layout.doLayout(event).equals(pattern.doLayout(event))) {
                        return false;
                    }
                }
                return true;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Boolean> result : pool.invokeAll(writers)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private TextLineLayout layout(ZoneId zone) {
        TextLineLayout layout = new TextLineLayout(pattern(LoggingSetup.TEXT_PATTERN), zone);
        layout.setContext(context);
        layout.start();
        return layout;
    }

    private PatternLayout pattern(String text) {
        PatternLayout pattern = new PatternLayout();
        pattern.setPattern(text);
        pattern.setContext(context);
        pattern.start();
        return pattern;
    }

    private LoggingEvent event(
            String loggerName,
            Level level,
            String message,
            Object[] arguments,
            Throwable throwable,
            String[] keyValues) {
        Logger logger = context.getLogger(loggerName);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, throwable, arguments);
        for (int i = 0; i < keyValues.length; i += 2) {
            event.addKeyValuePair(new KeyValuePair(keyValues[i], keyValues[i + 1]));
        }
        return event;
    }
}

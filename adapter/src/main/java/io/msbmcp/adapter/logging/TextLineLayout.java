package io.msbmcp.adapter.logging;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

/**
 * The text format's line, {@code time level logger - message key="value"…}, built straight into one {@code
 * StringBuilder}: the same text as {@link LoggingSetup#TEXT_PATTERN} gives through Logback's {@code PatternLayout}
 * (which {@code TextLineLayoutTest} compares), at a fraction of its cost. The pattern's {@code %replace} runs a regular
 * expression over every event's key-values, and its converters each make a string; with one event per tool call, that
 * was some 8 % of the server's CPU under the cheap call's load. The time's second and zone offset are formatted once a
 * second. An event with a throwable (its stack trace follows the line) goes to the pattern layout.
 */
final class TextLineLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");

    private final Layout<ILoggingEvent> withThrowable;
    private final ZoneId zone;
    private volatile FormattedSecond second = new FormattedSecond(Long.MIN_VALUE, "", "");
    /** The longest line buffer kept for the next event; a longer one (a huge message) is let go. */
    private static final int MAX_KEPT = 4096;
    /**
     * The line buffer of the last event, reused by the next (events come from the one log writer thread): a fresh one
     * per line was one of the larger allocations of a cheap call.
     */
    private final AtomicReference<@Nullable StringBuilder> reusable = new AtomicReference<>();

    /**
     * @param withThrowable the layout of events with a throwable: a {@code PatternLayout} of the same pattern
     * @param zone the time zone of the timestamps
     */
    TextLineLayout(Layout<ILoggingEvent> withThrowable, ZoneId zone) {
        this.withThrowable = requireNonNull(withThrowable, "withThrowable");
        this.zone = requireNonNull(zone, "zone");
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        if (event.getThrowableProxy() != null) {
            return withThrowable.doLayout(event);
        }
        String message = event.getFormattedMessage();
        String logger = event.getLoggerName();
        StringBuilder line = reusable.getAndSet(null); // taken: a second thread meanwhile builds its own
        if (line == null || line.capacity() > MAX_KEPT) {
            line = new StringBuilder(256);
        }
        line.setLength(0);
        appendTime(line, event.getTimeStamp());
        line.append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int pad = level.length(); pad < 5; pad++) {
            line.append(' ');
        }
        line.append(' ');
        line.append(logger, logger.lastIndexOf('.') + 1, logger.length());
        line.append(" - ").append(message);
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                line.append(' ')
                        .append(pair.key)
                        .append("=\"")
                        .append(pair.value)
                        .append('"');
            }
        }
        String text = line.append(CoreConstants.LINE_SEPARATOR).toString();
        reusable.set(line);
        return text;
    }

    private void appendTime(StringBuilder line, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        FormattedSecond formatted = second;
        if (formatted.epochSecond != epochSecond) {
            ZonedDateTime time = Instant.ofEpochSecond(epochSecond).atZone(zone);
            formatted = new FormattedSecond(epochSecond, SECOND.format(time), OFFSET.format(time));
            second = formatted;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        line.append(formatted.prefix);
        line.append((char) ('0' + millis / 100))
                .append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10));
        line.append(formatted.offset);
    }

    @Override
    public void start() {
        if (!withThrowable.isStarted()) {
            withThrowable.start();
        }
        super.start();
    }

    /** One second's formatted date and time up to the millis, and the zone offset then. */
    private record FormattedSecond(long epochSecond, String prefix, String offset) {}
}

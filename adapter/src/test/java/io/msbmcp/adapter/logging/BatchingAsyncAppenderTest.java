package io.msbmcp.adapter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer thread of the batching appender: nothing lost, order kept, a sleeping writer woken by the next event. */
@Timeout(10)
final class BatchingAsyncAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> target = new ListAppender<>();

    private BatchingAsyncAppender appender(int queueSize) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        target.setContext(context);
        target.start();
        BatchingAsyncAppender appender = new BatchingAsyncAppender(target, queueSize, 5000);
        appender.setContext(context);
        appender.start();
        return appender;
    }

    private ILoggingEvent event(String message, Object... arguments) {
        return new LoggingEvent("test", context.getLogger("test"), Level.INFO, message, null, arguments);
    }

    /** Waits (bounded by the test's timeout) until the writer has passed {@code count} events on. */
    private void awaitWritten(int count) {
        while (written() < count) {
            if (Thread.interrupted()) {
                throw new AssertionError("the writer wrote " + written() + " of " + count + " events");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** The events written so far (the list appender writes under its own lock). */
    private int written() {
        synchronized (target) {
            return target.list.size();
        }
    }

    @Test
    void events_fromSeveralThreads_allWrittenInEachThreadsOrder() throws Exception {
        BatchingAsyncAppender appender = appender(16);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    appender.doAppend(event("t{} n{}", thread, i));
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        appender.stop();

        assertThat(written()).isEqualTo(2000);
        for (int t = 0; t < 4; t++) {
            String prefix = "t" + t + " ";
            List<String> own = target.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith(prefix))
                    .toList();
            assertThat(own).hasSize(500);
            assertThat(own.get(0)).isEqualTo(prefix + "n0");
            assertThat(own.get(499)).isEqualTo(prefix + "n499");
        }
    }

    @Test
    void eventAfterTheWriterWentToSleep_isWrittenWithoutWaitingForStop() {
        BatchingAsyncAppender appender = appender(16);
        appender.doAppend(event("first"));
        awaitWritten(1);

        // the writer sleeps once it has been idle for IDLE_MILLIS; an event must wake it
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BatchingAsyncAppender.IDLE_MILLIS * 2));
        appender.doAppend(event("second"));
        awaitWritten(2);

        assertThat(target.list.get(1).getFormattedMessage()).isEqualTo("second");
        appender.stop();
    }

    @Test
    void stop_writesEverythingQueued() {
        BatchingAsyncAppender appender = appender(10_000);
        for (int i = 0; i < 5000; i++) {
            appender.doAppend(event("n{}", i));
        }

        appender.stop();

        assertThat(appender.queued()).isZero();
        assertThat(target.list).hasSize(5000);
        assertThat(target.list.get(4999).getFormattedMessage()).isEqualTo("n4999");
    }

    @Test
    void bufferedStreamTarget_aBatchOfEvents_reachesTheStreamInAFewWritesAndWholeLines() throws Exception {
        context.setMDCAdapter(new LogbackMDCAdapter());
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        int[] writes = new int[1];
        java.io.OutputStream counting = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                writes[0]++;
                sink.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writes[0]++;
                sink.write(bytes, offset, length);
            }
        };
        ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder =
                new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setPattern("%msg%n");
        encoder.setContext(context);
        encoder.start();
        ch.qos.logback.core.OutputStreamAppender<ILoggingEvent> stream =
                new ch.qos.logback.core.OutputStreamAppender<>();
        stream.setContext(context);
        stream.setEncoder(encoder);
        stream.setImmediateFlush(false);
        stream.setOutputStream(new java.io.BufferedOutputStream(counting, 64 * 1024));
        stream.start();
        BatchingAsyncAppender appender = new BatchingAsyncAppender(stream, 1024, 5000);
        appender.setContext(context);
        appender.start();

        for (int i = 0; i < 500; i++) {
            appender.doAppend(event("line {}", i));
        }
        appender.stop();

        List<String> lines =
                sink.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(500);
        assertThat(lines.get(0)).isEqualTo("line 0");
        assertThat(lines.get(499)).isEqualTo("line 499");
        assertThat(writes[0]).as("writes for 500 events").isLessThan(50);
    }
}

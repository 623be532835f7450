package io.msbmcp.devserver.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Reads a child's stdout or stderr line by line on a reader thread and hands each line to a sink. */
public final class StreamPump {
    /** Receives the lines of one stream, then one call to {@link #end}. */
    public interface Sink {
        void line(String stream, RawLine line);

        default void end(String stream) {}
    }

    private StreamPump() {}

    /** Starts pumping {@code in} (named {@code stream}) into {@code sink}; the future completes at end of stream. */
    public static Future<?> start(ExecutorService readers, InputStream in, String stream, int maxLineBytes, Sink sink) {
        return readers.submit(() -> {
            LineReader reader = new LineReader(in, maxLineBytes);
            try (in) {
                for (RawLine line = reader.readLine(); line != null; line = reader.readLine()) {
                    sink.line(stream, line);
                }
            } catch (IOException e) {
                // the pipe broke, e.g. the process was killed: same as the end of the stream
            } finally {
                sink.end(stream);
            }
        });
    }
}

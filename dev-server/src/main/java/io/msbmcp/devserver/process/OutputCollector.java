package io.msbmcp.devserver.process;

import io.msbmcp.devserver.api.OutputLine;
import java.util.ArrayList;
import java.util.List;

/**
 * The output of one run, in arrival order across both streams, with a byte budget per stream: once a stream has
 * delivered {@code limitPerStream} bytes its further lines are dropped, and the snapshot ends with one note on that
 * stream saying so. Each line is charged {@value #LINE_OVERHEAD} bytes on top of its own, so that a flood of empty
 * lines cannot pile up millions of objects. Thread-safe: the stdout and stderr readers add concurrently.
 */
public final class OutputCollector {
    static final int LINE_OVERHEAD = 32;

    private final long limitPerStream;
    private final List<OutputLine> lines = new ArrayList<>();
    private final List<OutputLine> notes = new ArrayList<>();
    private long stdoutBytes;
    private long stderrBytes;
    private long stdoutCharged;
    private long stderrCharged;
    private boolean stdoutTruncated;
    private boolean stderrTruncated;

    public OutputCollector(long limitPerStream) {
        if (limitPerStream < 1) {
            throw new IllegalArgumentException("limitPerStream must be positive: " + limitPerStream);
        }
        this.limitPerStream = limitPerStream;
    }

    /** Adds a line read from {@code stream} ({@link OutputLine#STDOUT} or {@link OutputLine#STDERR}). */
    public synchronized void add(String stream, RawLine line) {
        boolean stdout = OutputLine.STDOUT.equals(stream);
        long charged = (stdout ? stdoutCharged : stderrCharged) + line.bytes() + LINE_OVERHEAD;
        boolean fits = !line.cut() && charged <= limitPerStream;
        if (stdout) {
            stdoutBytes += line.bytes();
            stdoutCharged = charged;
            stdoutTruncated |= !fits;
        } else {
            stderrBytes += line.bytes();
            stderrCharged = charged;
            stderrTruncated |= !fits;
        }
        if (fits && !(stdout ? stdoutTruncated : stderrTruncated)) {
            lines.add(new OutputLine(stream, line.text()));
        }
    }

    /** Adds a line the server itself writes (a timeout or engine error); it is kept after every output line. */
    public synchronized void addNote(OutputLine note) {
        notes.add(note);
    }

    /** The collected lines, then the truncation notes, then the server's own notes. */
    public synchronized List<OutputLine> snapshot() {
        List<OutputLine> result = new ArrayList<>(lines);
        if (stdoutTruncated) {
            result.add(OutputLine.stdout(truncationNote(OutputLine.STDOUT, stdoutBytes)));
        }
        if (stderrTruncated) {
            result.add(OutputLine.stderr(truncationNote(OutputLine.STDERR, stderrBytes)));
        }
        result.addAll(notes);
        return result;
    }

    private String truncationNote(String stream, long bytes) {
        return "[msb-dev-server: " + stream + " truncated: " + bytes + " bytes produced, more than the "
                + limitPerStream + " bytes one run keeps]";
    }
}

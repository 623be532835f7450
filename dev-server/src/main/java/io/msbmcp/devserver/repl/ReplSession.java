package io.msbmcp.devserver.repl;

import io.msbmcp.devserver.api.OutputLine;
import io.msbmcp.devserver.process.LaunchSpec;
import io.msbmcp.devserver.process.OutputCollector;
import io.msbmcp.devserver.process.ProcessLauncher;
import io.msbmcp.devserver.process.ProcessTree;
import io.msbmcp.devserver.process.RawLine;
import io.msbmcp.devserver.process.StreamPump;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One persistent REPL process of a sandbox, driven like the portal drives it: the code is written to the REPL's stdin
 * followed by a statement that prints a random {@code eoe_…} marker, and the output until that marker is the result.
 * Runs are serialized in arrival order.
 *
 * <p>Deliberate differences from the portal, for deterministic results:
 *
 * <ul>
 *   <li>The marker is printed on stdout <em>and</em> stderr, and a run ends when it has been seen on both. The portal
 *       waits for stdout only, so stderr lines that arrive late (a traceback right before the marker) can be lost or
 *       spill into the next run.
 *   <li>A marker at the end of a line also counts ({@code print('x', end='')} as the last statement), where the portal
 *       needs the marker alone on its line and otherwise waits until the timeout, or forever.
 *   <li>The marker of a run that timed out is removed when it finally appears, where the portal shows it to the next
 *       run as output.
 *   <li>When the REPL process dies during a run, the run ends at once with the portal's engine error line (the
 *       portal keeps waiting for the marker). Like the portal, the REPL is not restarted: every later run answers
 *       {@code Error: Engine unavailable: <Language> process channel closed} until the sandbox is stopped and started.
 * </ul>
 *
 * <p>As in the portal, a run that times out is not interrupted: the code keeps running, its later output is dropped
 * until the next run starts, and the next run's code waits behind it in the REPL's stdin.
 */
public final class ReplSession {
    private static final String MARKER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    private static final int EARLY_LINES = 20;

    private final ReplLanguage language;
    private final Process process;
    private final long outputLimitPerStream;
    private final ExecutorService writer;
    private final ReentrantLock runLock = new ReentrantLock(true);
    private final Object lock = new Object();

    // guarded by lock
    private @Nullable Run current;
    private final Map<String, Set<String>> staleMarkers = new HashMap<>();
    private final Set<String> openStreams = new HashSet<>(Set.of(OutputLine.STDOUT, OutputLine.STDERR));
    private boolean dead;
    private boolean started;
    private final List<String> early = new java.util.ArrayList<>();

    private ReplSession(ReplLanguage language, Process process, long outputLimitPerStream) {
        this.language = language;
        this.process = process;
        this.outputLimitPerStream = outputLimitPerStream;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "msb-dev-repl-writer-" + process.pid());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Spawns the REPL described by {@code spec} (whose argv comes from {@link ReplLanguage#argv}). */
    public static ReplSession start(
            ReplLanguage language,
            LaunchSpec spec,
            ProcessLauncher launcher,
            ExecutorService readers,
            long outputLimitPerStream)
            throws IOException {
        if (!spec.stdinPipe()) {
            throw new IllegalArgumentException("A REPL needs its stdin as a pipe");
        }
        Process process = launcher.start(spec);
        ReplSession session = new ReplSession(language, process, outputLimitPerStream);
        int maxLine = (int) Math.min(Integer.MAX_VALUE - 16, outputLimitPerStream);
        StreamPump.Sink sink = new StreamPump.Sink() {
            @Override
            public void line(String stream, RawLine line) {
                session.onLine(stream, line);
            }

            @Override
            public void end(String stream) {
                session.onEnd(stream);
            }
        };
        StreamPump.start(readers, process.getInputStream(), OutputLine.STDOUT, maxLine, sink);
        StreamPump.start(readers, process.getErrorStream(), OutputLine.STDERR, maxLine, sink);
        // Whatever the REPL left behind dies with it, so that nothing keeps its pipes open.
        process.onExit().thenRunAsync(() -> ProcessTree.kill(process.toHandle(), KILL_WAIT), readers);
        return session;
    }

    public ReplLanguage language() {
        return language;
    }

    /** The REPL process (under isolation: the jail around it). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Runs {@code code} and returns its output in arrival order. With a {@code timeout} (seconds), a run that has not
     * finished in time returns what it has plus the line {@code Error: Execution timed out after <N> seconds}.
     */
    public List<OutputLine> run(String code, @Nullable Long timeoutSeconds) throws InterruptedException {
        runLock.lockInterruptibly();
        try {
            Run run = execute(code, timeoutSeconds);
            if (run == null) {
                return List.of(OutputLine.stderr(unavailableLine()));
            }
            if (!run.finished) {
                run.collector.addNote(
                        OutputLine.stderr("Error: Execution timed out after " + timeoutSeconds + " seconds"));
            } else if (run.endedByDeath) {
                run.collector.addNote(OutputLine.stderr(unavailableLine()));
            }
            return run.collector.snapshot();
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Runs no code and waits for the markers, which proves that the REPL reads its input and answers (a jail that
     * failed to set up, or an interpreter that cannot start, does not). Returns empty when ready, else what the REPL
     * printed before it failed.
     */
    public Optional<String> awaitReady(Duration timeout) throws InterruptedException {
        runLock.lockInterruptibly();
        try {
            Run run = execute("", Math.max(1, timeout.toSeconds()));
            List<String> before;
            synchronized (lock) {
                started = true;
                before = List.copyOf(early);
                early.clear();
            }
            if (run != null && run.finished && !run.endedByDeath) {
                return Optional.empty();
            }
            String output = java.util.stream.Stream.concat(
                            before.stream(),
                            run == null
                                    ? java.util.stream.Stream.<String>empty()
                                    : run.collector.snapshot().stream().map(OutputLine::text))
                    .limit(EARLY_LINES)
                    .collect(Collectors.joining(" | "));
            String state =
                    run != null && !run.finished ? "did not answer within " + timeout.toSeconds() + " s" : "exited";
            return Optional.of(state + (output.isEmpty() ? "" : ": " + output));
        } finally {
            runLock.unlock();
        }
    }

    /** One run under the run lock; {@code null} when the REPL is already dead. */
    private @Nullable Run execute(String code, @Nullable Long timeoutSeconds) throws InterruptedException {
        Run run;
        synchronized (lock) {
            if (dead) {
                return null;
            }
            run = new Run(newMarker(), new OutputCollector(outputLimitPerStream));
            for (String stream : List.of(OutputLine.STDOUT, OutputLine.STDERR)) {
                if (!openStreams.contains(stream)) {
                    run.markerSeen(stream);
                }
            }
            current = run;
        }
        String program = language.program(code, run.marker);
        writer.execute(() -> write(program));
        try {
            run.finished = await(run, timeoutSeconds);
        } finally {
            synchronized (lock) {
                current = null;
                if (!run.finished && !run.pendingStreams.isEmpty()) {
                    staleMarkers.put(run.marker, new HashSet<>(run.pendingStreams));
                }
            }
        }
        return run;
    }

    /** Kills the REPL and everything it started. */
    public void kill() {
        synchronized (lock) {
            dead = true;
        }
        ProcessTree.kill(process.toHandle(), KILL_WAIT);
        writer.shutdownNow();
    }

    private static boolean await(Run run, @Nullable Long timeoutSeconds) throws InterruptedException {
        if (timeoutSeconds == null) {
            run.done.await();
            return true;
        }
        return run.done.await(timeoutSeconds, TimeUnit.SECONDS);
    }

    private void write(String program) {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write(program.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            // the REPL is gone: the end of its output streams ends the run
        }
    }

    private void onLine(String stream, RawLine line) {
        synchronized (lock) {
            String text = line.text();
            String stale = staleMarkerAtEnd(text);
            if (stale != null) {
                Set<String> pending = staleMarkers.get(stale);
                pending.remove(stream);
                if (pending.isEmpty()) {
                    staleMarkers.remove(stale);
                }
                text = beforeMarker(text, stale);
                line = new RawLine(text, text.length(), false);
                if (text.isBlank()) {
                    return;
                }
            }
            Run run = current;
            if (run == null) {
                if (!started && early.size() < EARLY_LINES) {
                    early.add(text); // before the first run: what a jail or interpreter that fails to start says
                }
                return; // between runs, as in the portal: nobody is listening
            }
            if (endsWithMarker(text, run.marker)) {
                String before = beforeMarker(text, run.marker);
                if (!before.isBlank()) {
                    deliver(run, stream, new RawLine(before, before.length(), false));
                }
                run.markerSeen(stream);
                return;
            }
            deliver(run, stream, line);
        }
    }

    private void deliver(Run run, String stream, RawLine line) {
        if (OutputLine.STDOUT.equals(stream) && !language.keepsStdoutLine(line.text())) {
            return;
        }
        run.collector.add(stream, line);
    }

    private void onEnd(String stream) {
        synchronized (lock) {
            openStreams.remove(stream);
            Run run = current;
            if (openStreams.isEmpty()) {
                dead = true;
                if (run != null && !run.pendingStreams.isEmpty()) {
                    run.endedByDeath = true;
                }
            }
            if (run != null) {
                run.markerSeen(stream);
            }
        }
    }

    private @Nullable String staleMarkerAtEnd(String text) {
        for (String marker : staleMarkers.keySet()) {
            if (endsWithMarker(text, marker)) {
                return marker;
            }
        }
        return null;
    }

    private static boolean endsWithMarker(String text, String marker) {
        return text.stripTrailing().endsWith(marker);
    }

    private static String beforeMarker(String text, String marker) {
        String stripped = text.stripTrailing();
        return stripped.substring(0, stripped.length() - marker.length());
    }

    private String unavailableLine() {
        return "Error: Engine unavailable: " + language.displayName() + " process channel closed";
    }

    private static String newMarker() {
        StringBuilder marker = new StringBuilder("eoe_");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 20; i++) {
            marker.append(MARKER_CHARS.charAt(random.nextInt(MARKER_CHARS.length())));
        }
        return marker.toString();
    }

    /** The state of one run: its marker, its output, and the streams whose marker has not arrived yet. */
    private static final class Run {
        final String marker;
        final OutputCollector collector;
        final Set<String> pendingStreams = new HashSet<>(Set.of(OutputLine.STDOUT, OutputLine.STDERR));
        final CountDownLatch done = new CountDownLatch(1);
        boolean endedByDeath;
        boolean finished;

        Run(String marker, OutputCollector collector) {
            this.marker = marker;
            this.collector = collector;
        }

        void markerSeen(String stream) {
            if (pendingStreams.remove(stream) && pendingStreams.isEmpty()) {
                done.countDown();
            }
        }
    }
}

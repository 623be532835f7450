package io.msbmcp.devserver.process;

import io.msbmcp.devserver.api.OutputLine;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs one command to completion: stdin is {@code /dev/null}, both streams are collected with a byte budget, and on
 * timeout the whole process tree is killed. When the command exits, whatever it left running in its tree is killed
 * too, so a background process can neither outlive the command nor keep its pipes open.
 */
public final class CommandRunner {
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    private final ProcessLauncher launcher;
    private final ExecutorService readers;
    private final long outputLimitPerStream;

    public CommandRunner(ProcessLauncher launcher, ExecutorService readers, long outputLimitPerStream) {
        this.launcher = launcher;
        this.readers = readers;
        this.outputLimitPerStream = outputLimitPerStream;
    }

    /** How a command ended. {@code exitCode} is meaningless when {@code timedOut}. */
    public record Outcome(int exitCode, boolean timedOut, List<OutputLine> output) {
        public Outcome {
            output = List.copyOf(output);
        }
    }

    /**
     * Runs {@code spec}; {@code started} sees the process as soon as it exists (so that a sandbox stop can kill it),
     * {@code finished} once it is gone.
     */
    public Outcome run(
            LaunchSpec spec, @Nullable Duration timeout, Consumer<Process> started, Consumer<Process> finished)
            throws IOException, InterruptedException {
        Process process = launcher.start(spec);
        try {
            started.accept(process);
            OutputCollector collector = new OutputCollector(outputLimitPerStream);
            StreamPump.Sink sink = collector::add;
            int maxLine = (int) Math.min(Integer.MAX_VALUE - 16, outputLimitPerStream);
            Future<?> stdout = StreamPump.start(readers, process.getInputStream(), OutputLine.STDOUT, maxLine, sink);
            Future<?> stderr = StreamPump.start(readers, process.getErrorStream(), OutputLine.STDERR, maxLine, sink);
            boolean exited =
                    timeout == null ? waitFor(process) : process.waitFor(toMillis(timeout), TimeUnit.MILLISECONDS);
            ProcessTree.kill(process.toHandle(), KILL_WAIT);
            awaitQuietly(stdout);
            awaitQuietly(stderr);
            if (!exited) {
                return new Outcome(-1, true, collector.snapshot());
            }
            return new Outcome(process.exitValue(), false, collector.snapshot());
        } finally {
            ProcessTree.kill(process.toHandle(), KILL_WAIT);
            finished.accept(process);
        }
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static long toMillis(Duration timeout) {
        try {
            return Math.max(0, timeout.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // a timeout of billions of years
        }
    }

    private static void awaitQuietly(Future<?> pump) throws InterruptedException {
        try {
            pump.get(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a process that escaped the tree still holds the pipe: give up on the rest of its output
        }
    }
}

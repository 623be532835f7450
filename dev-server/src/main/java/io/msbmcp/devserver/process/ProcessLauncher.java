package io.msbmcp.devserver.process;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Spawns child processes from one dedicated, long-lived thread.
 *
 * <p>Linux sends the parent-death signal ({@code PR_SET_PDEATHSIG}, which {@code bwrap --die-with-parent} sets) when
 * the <em>thread</em> that forked the child exits, not the process. A child spawned from a pooled HTTP thread would be
 * killed as soon as the pool retires that thread, so every spawn goes through this one thread, which lives as long as
 * the server.
 */
public final class ProcessLauncher implements AutoCloseable {
    private static final File DEV_NULL = new File("/dev/null");

    private final ExecutorService spawner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "msb-dev-spawner");
        thread.setDaemon(true);
        return thread;
    });

    /** Starts the process; throws {@link IOException} when it cannot be spawned. */
    public Process start(LaunchSpec spec) throws IOException {
        Future<Process> started = spawner.submit(() -> builderFor(spec).start());
        try {
            return started.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("Failed to spawn " + spec.argv().get(0), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(
                    "Interrupted while spawning " + spec.argv().get(0));
        }
    }

    private static ProcessBuilder builderFor(LaunchSpec spec) {
        ProcessBuilder builder = new ProcessBuilder(spec.argv())
                .directory(spec.workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        if (!spec.stdinPipe()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        }
        return builder;
    }

    @Override
    public void close() {
        spawner.shutdownNow();
    }
}

package io.msbmcp.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs short-lived commands (curl, npm, the Node clients) with a timeout, and keeps track of every process the tests
 * started, so that a JVM that ends early (Ctrl-C, a Failsafe timeout) still takes them down with it.
 */
final class Processes {
    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> List.copyOf(LIVE).forEach(p -> {
                            p.close();
                        }),
                        "it-process-reaper"));
    }

    private Processes() {}

    /** What a finished command did. */
    record Result(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed) {
        /** Command, exit code, time and both streams, for assertion messages. */
        String describe() {
            return String.join(" ", command) + "\n-> exit " + exitCode + " after " + elapsed.toMillis() + " ms"
                    + "\n---- stdout\n" + ManagedProcess.tail(stdout, 200) + "---- stderr\n"
                    + ManagedProcess.tail(stderr, 200);
        }
    }

    /**
     * Runs {@code command} to completion in {@code workDir}; its output is kept in {@code <logDir>/<name>.out/.err}.
     * A command still running after {@code timeout} is killed with its descendants and the test fails.
     */
    static Result run(
            String name, List<String> command, Map<String, String> env, Path workDir, Path logDir, Duration timeout) {
        long start = System.nanoTime();
        try (ManagedProcess process = ManagedProcess.start(name, command, env, workDir, logDir)) {
            int exit;
            try {
                exit = process.awaitExit(timeout);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + process.logTail(60), e);
            }
            return new Result(
                    command, exit, process.stdout(), process.stderr(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    static ManagedProcess register(ManagedProcess process) {
        LIVE.add(process);
        return process;
    }

    static void unregister(ManagedProcess process) {
        LIVE.remove(process);
    }
}

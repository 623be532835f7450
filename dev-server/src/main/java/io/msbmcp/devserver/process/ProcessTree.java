package io.msbmcp.devserver.process;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child process together with everything it started: its descendants, and every process still in the session it
 * leads (orphans re-parented to init keep their session, so they are found even after their parent died).
 */
public final class ProcessTree {
    private static final int KILL_ROUNDS = 10;

    private ProcessTree() {}

    /** The live members of the tree rooted at {@code root}, root first. */
    public static List<ProcessHandle> members(ProcessHandle root) {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        if (root.isAlive()) {
            members.put(root.pid(), root);
        }
        root.descendants().forEach(handle -> members.putIfAbsent(handle.pid(), handle));
        for (long pid : ProcFs.sessionMembers(root.pid())) {
            ProcessHandle.of(pid).ifPresent(handle -> members.putIfAbsent(pid, handle));
        }
        members.values()
                .removeIf(handle -> !handle.isAlive()
                        || ProcFs.stat(handle.pid()).map(ProcFs.Stat::zombie).orElse(true));
        return List.copyOf(members.values());
    }

    /**
     * Sends SIGKILL to every member, repeatedly until none is left (a member may fork while it is being killed), and
     * waits up to {@code wait} per round for them to be gone.
     */
    public static void kill(ProcessHandle root, Duration wait) {
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<ProcessHandle> members = members(root);
            if (members.isEmpty()) {
                return;
            }
            members.forEach(ProcessHandle::destroyForcibly);
            awaitGone(members, System.nanoTime() + wait.toNanos());
        }
    }

    /** Whether the process still runs (exited processes that wait to be reaped do not). */
    public static boolean running(ProcessHandle handle) {
        return handle.isAlive()
                && !ProcFs.stat(handle.pid()).map(ProcFs.Stat::zombie).orElse(true);
    }

    // ProcessHandle.onExit() of a process that is not our child polls slowly; /proc answers at once.
    private static void awaitGone(List<ProcessHandle> members, long deadlineNanos) {
        long pauseMillis = 1;
        while (members.stream().anyMatch(ProcessTree::running) && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
    }
}

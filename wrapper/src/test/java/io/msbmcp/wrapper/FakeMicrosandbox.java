package io.msbmcp.wrapper;

import io.msbmcp.errors.ConnectionException;
import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.OutputLine;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.model.SandboxConfig;
import io.msbmcp.wrapper.model.SandboxStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory Microsandbox server: it keeps every sandbox ever started per namespace with its running flag, as
 * {@code sandbox.metrics.get} does, and records every call. Runs answer through replaceable functions.
 */
final class FakeMicrosandbox implements MicrosandboxClient {
    private static final Pattern PYTHON_ARGS =
            Pattern.compile("\\('([^']*)', '([^']*)', '([^']*)', '([^']*)', '([^']*)', (True|False), '([^']*)'\\)");
    private static final Pattern NODE_ARGS =
            Pattern.compile("\\('([^']*)', '([^']*)', '([^']*)', '([^']*)', '([^']*)', (true|false), '([^']*)'\\)");

    /** namespace → sandbox name → running. */
    private final Map<String, Map<String, Boolean>> sandboxes = new LinkedHashMap<>();

    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<SandboxConfig> startConfigs = new CopyOnWriteArrayList<>();
    final List<ReplRunParams> replRuns = new CopyOnWriteArrayList<>();
    final List<CommandRunParams> commandRuns = new CopyOnWriteArrayList<>();
    final AtomicInteger starts = new AtomicInteger();
    volatile boolean down;
    volatile @Nullable RuntimeException startFailure;
    volatile @Nullable RuntimeException stopFailure;
    volatile Function<ReplRunParams, ReplRunResult> repl = params -> replResult(List.of());
    volatile Function<CommandRunParams, CommandRunResult> command =
            params -> new CommandRunResult(params.command(), params.args(), 0, true, List.of());
    volatile long startDelayMillis;

    /** The state marker each sandbox's REPL holds, as the runner keeps it in {@code __msb_state}. */
    final Map<String, String> stateMarkers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Runs whose runner found the REPL without the session's marker and ran nothing. */
    final List<String> lostRuns = new CopyOnWriteArrayList<>();

    /** The REPL of this sandbox is replaced behind the wrapper's back: its globals are gone. */
    void replaceRepl(String sandbox) {
        stateMarkers.remove(sandbox);
    }

    /** Does what the runner does with its marker and check flag; the answer when it would run nothing. */
    private @Nullable ReplRunResult checkState(ReplRunParams params) {
        Matcher args = args(params);
        String marker = args.group(5);
        boolean check = Boolean.parseBoolean(args.group(6).toLowerCase(java.util.Locale.ROOT));
        if (check && !marker.equals(stateMarkers.get(params.sandbox()))) {
            lostRuns.add(params.sandbox());
            return replResult(List.of(out("__msb_lost_" + args.group(2))));
        }
        stateMarkers.put(params.sandbox(), marker);
        return null;
    }

    /** Every {@code sandbox.repl.run} and {@code sandbox.command.run} the wrapper sent, in order. */
    List<String> runs() {
        return calls.stream()
                .filter(c -> c.startsWith("repl ") || c.startsWith("command "))
                .collect(Collectors.toList());
    }

    static ReplRunResult replResult(List<OutputLine> lines) {
        return new ReplRunResult("success", "python", lines);
    }

    static OutputLine out(String text) {
        return new OutputLine("stdout", text);
    }

    static OutputLine err(String text) {
        return new OutputLine("stderr", text);
    }

    /** The user code inside a runner line the wrapper sent. */
    static String userCode(ReplRunParams params) {
        return decode(args(params).group(1));
    }

    /** The pid file the runner of this line writes while the code runs. */
    static String pidFile(ReplRunParams params) {
        return decode(args(params).group(4));
    }

    /** The per-call failure mark inside a runner line. */
    static String failureMark(ReplRunParams params) {
        return "__msb_failed_" + args(params).group(2);
    }

    /** The start of the line on which the runner of this line reports files. */
    static String filesTag(ReplRunParams params) {
        return "__msb_files_" + args(params).group(2);
    }

    /** True when the runner of this line checks the REPL's state marker. */
    static boolean checksState(ReplRunParams params) {
        return Boolean.parseBoolean(args(params).group(6).toLowerCase(java.util.Locale.ROOT));
    }

    /** The scan argument of a runner line (empty: no scan). */
    static String scan(ReplRunParams params) {
        return args(params).group(7);
    }

    private static Matcher args(ReplRunParams params) {
        Matcher matcher = (params.language().equals("python") ? PYTHON_ARGS : NODE_ARGS).matcher(params.code());
        if (!matcher.find()) {
            throw new AssertionError("not a runner line: " + params.code());
        }
        return matcher;
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    private void checkUp(String operation) {
        if (down) {
            throw ConnectionException.unreachable("http://fake", operation, "Connection refused");
        }
    }

    synchronized void addSandbox(String namespace, String name, boolean running) {
        sandboxes.computeIfAbsent(namespace, k -> new LinkedHashMap<>()).put(name, running);
    }

    /** The backend completes a start that the wrapper gave up on: the sandbox runs now. */
    synchronized void startLate(String namespace, String name) {
        addSandbox(namespace, name, true);
    }

    synchronized void kill(String namespace, String name) {
        sandboxes.get(namespace).put(name, false);
    }

    synchronized List<String> running(String namespace) {
        return sandboxes.getOrDefault(namespace, Map.of()).entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    synchronized boolean isRunning(String namespace, String name) {
        return sandboxes.getOrDefault(namespace, Map.of()).getOrDefault(name, false);
    }

    @Override
    public void health() {
        calls.add("health");
        checkUp("health");
    }

    @Override
    public String startSandbox(String namespace, String sandbox, SandboxConfig config) {
        calls.add("start " + sandbox);
        checkUp("sandbox.start");
        if (startDelayMillis > 0) {
            try {
                Thread.sleep(startDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RuntimeException failure = startFailure;
        if (failure != null) {
            throw failure;
        }
        starts.incrementAndGet();
        startConfigs.add(config);
        addSandbox(namespace, sandbox, true);
        return "Sandbox " + sandbox + " started successfully";
    }

    @Override
    public synchronized void stopSandbox(String namespace, String sandbox) {
        calls.add("stop " + sandbox);
        checkUp("sandbox.stop");
        RuntimeException stopFailed = stopFailure;
        if (stopFailed != null) {
            throw stopFailed;
        }
        Map<String, Boolean> ns = sandboxes.get(namespace);
        if (ns == null) {
            throw new SandboxApiException(
                    "sandbox.stop", 400, 2001, "Namespace directory '" + namespace + "' does not exist");
        }
        if (!ns.containsKey(sandbox)) {
            throw new SandboxApiException("sandbox.stop", 500, 5002, "Internal server error");
        }
        ns.put(sandbox, false);
    }

    @Override
    public synchronized List<SandboxStatus> metrics(String namespace, @Nullable String sandbox) {
        calls.add("metrics " + namespace);
        checkUp("sandbox.metrics.get");
        Map<String, Boolean> ns = sandboxes.get(namespace);
        if (ns == null) {
            throw new SandboxApiException(
                    "sandbox.metrics.get", 400, 2001, "Namespace directory '" + namespace + "' does not exist");
        }
        List<SandboxStatus> list = new ArrayList<>();
        ns.forEach((name, running) -> {
            if (sandbox == null || sandbox.equals(name)) {
                list.add(new SandboxStatus(namespace, name, running, running ? 0.0 : null, null, null));
            }
        });
        if (sandbox != null && list.isEmpty()) {
            throw new SandboxApiException("sandbox.metrics.get", 500, 5002, "Internal server error");
        }
        return Collections.unmodifiableList(list);
    }

    @Override
    public ReplRunResult runRepl(ReplRunParams params) {
        calls.add("repl " + params.sandbox());
        checkUp("sandbox.repl.run");
        if (!isRunning(params.namespace(), params.sandbox())) {
            throw new SandboxApiException("sandbox.repl.run", 500, 5002, "Internal server error");
        }
        ReplRunResult lost = checkState(params);
        if (lost != null) {
            return lost;
        }
        replRuns.add(params);
        return repl.apply(params);
    }

    @Override
    public CommandRunResult runCommand(CommandRunParams params) {
        calls.add("command " + params.sandbox());
        checkUp("sandbox.command.run");
        if (!isRunning(params.namespace(), params.sandbox())) {
            throw new SandboxApiException("sandbox.command.run", 500, 5002, "Internal server error");
        }
        commandRuns.add(params);
        return command.apply(params);
    }

    /**
     * Abandoning a run interrupts the thread that waits in it; a run function blocked in {@link #await} then ends with
     * the {@link CancellationException} the real client throws.
     */
    @Override
    public ReplRunResult runRepl(ReplRunParams params, Cancellation abort) {
        Thread caller = Thread.currentThread();
        try (Cancellation.Registration registration = abort.onCancel(caller::interrupt)) {
            return runRepl(params);
        } finally {
            Thread.interrupted();
        }
    }

    @Override
    public CommandRunResult runCommand(CommandRunParams params, Cancellation abort) {
        Thread caller = Thread.currentThread();
        try (Cancellation.Registration registration = abort.onCancel(caller::interrupt)) {
            return runCommand(params);
        } finally {
            Thread.interrupted();
        }
    }

    /** Blocks a run until {@code latch} opens; an abandoned run ends with {@link CancellationException}. */
    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new CancellationException("abandoned");
        }
    }

    /** True for the wrapper's interrupt of running code (SIGINT to the REPL). */
    static boolean isCodeInterrupt(CommandRunParams params) {
        return params.args().size() > 1 && params.args().get(1).contains("kill -s INT");
    }

    /** True for the wrapper's end of a command's process group (TERM, then KILL). */
    static boolean isGroupEnd(CommandRunParams params) {
        return params.args().size() > 1 && params.args().get(1).contains("kill -s TERM");
    }

    /** The shell invocation of a user command or install, without the process-group launcher around it. */
    static List<String> launched(CommandRunParams params) {
        List<String> args = params.args();
        if (args.size() > 4 && args.get(1).contains("setsid")) {
            return args.subList(5, args.size());
        }
        List<String> whole = new ArrayList<>();
        whole.add(params.command());
        whole.addAll(args);
        return whole;
    }

    @Override
    public void close() {}
}

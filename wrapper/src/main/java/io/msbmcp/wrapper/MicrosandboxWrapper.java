package io.msbmcp.wrapper;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.msbmcp.errors.CodeExecutionException;
import io.msbmcp.errors.CommandExecutionException;
import io.msbmcp.errors.ConnectionException;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.errors.MsbException;
import io.msbmcp.errors.SandboxCreationException;
import io.msbmcp.errors.SessionNotFoundException;
import io.msbmcp.wrapper.call.CallContext;
import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.exec.CodeOutcome;
import io.msbmcp.wrapper.exec.CodeRunner;
import io.msbmcp.wrapper.exec.CommandOutcome;
import io.msbmcp.wrapper.exec.CommandRunner;
import io.msbmcp.wrapper.exec.DependencyInstaller;
import io.msbmcp.wrapper.exec.Interrupts;
import io.msbmcp.wrapper.exec.OutputCapper;
import io.msbmcp.wrapper.exec.RunGuard;
import io.msbmcp.wrapper.exec.Watchdog;
import io.msbmcp.wrapper.session.SandboxLifecycle;
import io.msbmcp.wrapper.session.Session;
import io.msbmcp.wrapper.session.SessionManager;
import io.msbmcp.wrapper.tasks.BackgroundTasks;
import io.msbmcp.wrapper.tasks.OrphanSweep;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wrapper around a Microsandbox server: sessions with one sandbox each, flavors, templates, volume mappings,
 * limits, orphan cleanup and background tasks. The MCP layer calls one method per tool.
 *
 * <p>Thread-safe. Calls on one session run one at a time in arrival order; calls on different sessions run in
 * parallel. Every failure is an {@link MsbException}; the user's code failing is a normal result.
 */
public final class MicrosandboxWrapper implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(MicrosandboxWrapper.class);
    private static final Duration SHUTDOWN_STOP_DEADLINE = Duration.ofSeconds(30);
    private static final int MAX_SESSION_ATTEMPTS = 3;

    private final WrapperConfig config;
    private final MicrosandboxClient client;
    private final SessionManager sessions;
    private final SandboxLifecycle lifecycle;
    private final CodeRunner codeRunner;
    private final CommandRunner commandRunner;
    private final DependencyInstaller installer;
    private final Watchdog watchdog;
    private final OrphanSweep orphanSweep;
    private final BackgroundTasks tasks;
    private final Executor stopExecutor;
    private final @Nullable ExecutorService ownedStopExecutor;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong executions = new AtomicLong();

    private MicrosandboxWrapper(Builder builder) {
        this.config = builder.config;
        this.client = requireNonNull(builder.client, "client");
        if (builder.stopExecutor != null) {
            this.stopExecutor = builder.stopExecutor;
            this.ownedStopExecutor = null;
        } else {
            this.ownedStopExecutor = Executors.newFixedThreadPool(4, BackgroundTasks.daemonThreads("msb-stopper"));
            this.stopExecutor = ownedStopExecutor;
        }
        this.lifecycle = new SandboxLifecycle(client, config.namespace(), config.volumeMappings(), closed::get);
        this.sessions = new SessionManager(
                config.sessionTimeout(),
                config.maxSessions(),
                config.maxTotalMemoryMb(),
                builder.ticker,
                builder.clock,
                stopExecutor,
                session -> lifecycle.stopQuietly(session.sandboxName()));
        OutputCapper capper = new OutputCapper(config.maxOutputBytes());
        this.watchdog = new Watchdog(builder.interruptGrace);
        Interrupts interrupts = new Interrupts(client, config.namespace());
        this.codeRunner = new CodeRunner(client, config.namespace(), capper, watchdog, interrupts);
        this.commandRunner = new CommandRunner(client, config.namespace(), capper, watchdog, interrupts);
        this.installer = new DependencyInstaller(client, config.namespace(), watchdog, interrupts);
        this.orphanSweep = new OrphanSweep(client, config.namespace(), sessions::trackedSandboxNames, builder.clock);
        this.tasks = new BackgroundTasks(
                sessions::sweepExpired, orphanSweep, config.cleanupInterval(), config.orphanCleanupInterval());
    }

    /** A wrapper talking to {@code config.serverUrl()} over HTTP, with retries and a circuit breaker. */
    public static MicrosandboxWrapper create(WrapperConfig config) {
        return builder(config).build();
    }

    /** A builder, for tests and embedders that supply their own client, time sources or executor. */
    public static Builder builder(WrapperConfig config) {
        return new Builder(config);
    }

    /**
     * Starts the background tasks: the expiry sweep every {@code MSB_CLEANUP_INTERVAL} and the orphan sweep now and
     * every {@code MSB_ORPHAN_CLEANUP_INTERVAL}. Returns at once; an unreachable server is logged, not fatal.
     */
    public void start() {
        if (started.compareAndSet(false, true)) {
            logger.info("Wrapper started: {}", config);
            tasks.start();
        }
    }

    /** Runs code in the request's session (created if needed). The code failing is a result, not an exception. */
    public CodeExecutionResult executeCode(ExecuteCodeRequest request) {
        return executeCode(request, CallContext.unobserved());
    }

    /**
     * Runs code in the request's session (created if needed) for the caller {@code call} describes. The code failing is
     * a result, not an exception.
     */
    public CodeExecutionResult executeCode(ExecuteCodeRequest request, CallContext call) {
        Duration timeout = request.timeout() != null ? request.timeout() : config.executionTimeout();
        return inSession(request.sessionId(), request.template(), request.flavor(), true, call, (session, created) -> {
            installDependencies(session, request.dependencies(), timeout, call);
            throwIfCancelled(session, true, call);
            countExecution(session);
            call.progress().phase("running");
            CodeOutcome outcome = codeRunner.run(session, request.code(), timeout, call.cancellation());
            boolean reset = false;
            if (outcome.needsReset()) {
                // Code that could not be interrupted, or an interpreter that exited (the legacy portal never restarts
                // it): a fresh sandbox keeps the next call from waiting behind it or failing the same way.
                reset(
                        session,
                        outcome.cancelled()
                                ? "its cancelled code could not be interrupted"
                                : outcome.timedOut()
                                        ? "its code could not be interrupted after the " + timeout.toSeconds()
                                                + " s timeout"
                                        : "its interpreter exited");
                reset = true;
            } else if (outcome.stoppedBy() != RunGuard.Stop.NONE) {
                logger.info(
                        "Code in session '{}' interrupted ({}); the session's state is kept",
                        session.id(),
                        outcome.cancelled() ? "cancelled" : "timed out after " + timeout.toSeconds() + " s");
            }
            if (outcome.cancelled()) {
                if (reset) {
                    session.markResetUnreported();
                }
                throw CodeExecutionException.cancelled(
                        session.id(), session.template().id(), !reset);
            }
            boolean earlierReset = session.takeResetUnreported();
            return new CodeExecutionResult(
                    session.id(),
                    created,
                    session.template(),
                    session.flavor(),
                    outcome.stdout(),
                    outcome.stderr(),
                    outcome.success(),
                    outcome.elapsedMillis(),
                    outcome.truncated(),
                    outcome.timedOut(),
                    reset || earlierReset);
        });
    }

    /** Runs a shell line in the request's session (created if needed). A non-zero exit is a result. */
    public CommandExecutionResult executeCommand(ExecuteCommandRequest request) {
        return executeCommand(request, CallContext.unobserved());
    }

    /** Runs a shell line in the request's session (created if needed) for {@code call}. A non-zero exit is a result. */
    public CommandExecutionResult executeCommand(ExecuteCommandRequest request, CallContext call) {
        Duration timeout = request.timeout() != null ? request.timeout() : config.executionTimeout();
        return inSession(request.sessionId(), request.template(), request.flavor(), false, call, (session, created) -> {
            throwIfCancelled(session, false, call);
            countExecution(session);
            call.progress().phase("running");
            CommandOutcome outcome = commandRunner.run(
                    session, request.command(), request.workdir(), request.env(), timeout, call.cancellation());
            if (outcome.stillRunning()) {
                reset(
                        session,
                        "its " + (outcome.cancelled() ? "cancelled" : "timed-out") + " command could not be ended");
            }
            if (outcome.cancelled()) {
                if (outcome.stillRunning()) {
                    session.markResetUnreported();
                }
                logger.info("Command in session '{}' cancelled", session.id());
                throw CommandExecutionException.cancelled(session.id(), !outcome.stillRunning());
            }
            boolean earlierReset = session.takeResetUnreported();
            return new CommandExecutionResult(
                    session.id(),
                    created,
                    session.template(),
                    session.flavor(),
                    request.command(),
                    outcome.stdout(),
                    outcome.stderr(),
                    outcome.exitCode(),
                    outcome.success(),
                    outcome.elapsedMillis(),
                    outcome.truncated(),
                    outcome.timedOut(),
                    outcome.stillRunning() || earlierReset);
        });
    }

    /** All live sessions, oldest first, or just the one named; an unknown id is a {@link SessionNotFoundException}. */
    public List<SessionInfo> getSessions(@Nullable String sessionId) {
        return getSessions(sessionId, CallContext.unobserved());
    }

    /** The caller's live sessions, oldest first, or just the one named (another principal's is not found). */
    public List<SessionInfo> getSessions(@Nullable String sessionId, CallContext call) {
        if (sessionId != null) {
            Arguments.checkSessionId(sessionId);
            Session session = sessions.find(sessionId).orElseThrow(() -> SessionNotFoundException.of(sessionId));
            return List.of(info(session));
        }
        return sessions.all().stream()
                .sorted(Comparator.comparing(Session::createdAt))
                .map(this::info)
                .collect(Collectors.toList());
    }

    /**
     * Stops a session and its sandbox; an unknown id is a {@link SessionNotFoundException}. The session is gone (and
     * its resources free) even if stopping the sandbox fails; the orphan sweep then stops the sandbox later.
     */
    public StopSessionResult stopSession(String sessionId) {
        return stopSession(sessionId, CallContext.unobserved());
    }

    /** Stops one of the caller's sessions and its sandbox (another principal's is not found). */
    public StopSessionResult stopSession(String sessionId, CallContext call) {
        if (sessionId == null) {
            throw InvalidArgumentException.of("session_id", "is required");
        }
        Arguments.checkSessionId(sessionId);
        Session session = sessions.remove(sessionId).orElseThrow(() -> SessionNotFoundException.of(sessionId));
        try {
            lifecycle.stop(session.sandboxName());
        } catch (SandboxApiException e) {
            // the server does not know this sandbox (it was never started, or it is already gone): nothing runs
            logger.debug("Stopping sandbox '{}' answered {}", session.sandboxName(), e.describe());
        }
        logger.info("Session '{}' stopped", sessionId);
        return new StopSessionResult(sessionId, true);
    }

    /** The host folders shared with every sandbox. */
    public List<VolumeMapping> volumeMappings() {
        return config.volumeMappings();
    }

    /** Probes the Microsandbox server now and reports it with the session figures. Never throws. */
    public HealthReport health() {
        boolean connected;
        try {
            client.health();
            connected = true;
        } catch (RuntimeException e) {
            connected = false;
        }
        return new HealthReport(
                connected,
                config.serverUrlForDisplay(),
                config.namespace(),
                client.circuitBreakerState(),
                sessions.activeSessions(),
                sessions.maxSessions(),
                sessions.memoryInUseMb(),
                sessions.maxMemoryMb(),
                sessions.sessionsCreated(),
                executions.get(),
                orphanSweep.stoppedCount(),
                orphanSweep.lastCompleted().orElse(null));
    }

    public WrapperConfig config() {
        return config;
    }

    /**
     * Stops the background tasks and every sandbox this wrapper started (in parallel, within 30 s), waits for stops
     * already under way, then releases the HTTP client. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        tasks.close();
        List<Session> live = sessions.all();
        logger.info("Shutting down: stopping {} sandbox(es)", live.size());
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(8, live.size())), BackgroundTasks.daemonThreads("msb-shutdown"));
        try {
            CompletableFuture<?>[] stops = live.stream()
                    .map(session -> CompletableFuture.runAsync(
                            () -> sessions.remove(session.id())
                                    .ifPresent(removed -> lifecycle.stopQuietly(removed.sandboxName())),
                            pool))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(stops).get(SHUTDOWN_STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            logger.warn("Some sandboxes were not confirmed stopped within {} s", SHUTDOWN_STOP_DEADLINE.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            logger.warn("Stopping sandboxes failed: {}", e.getCause().toString());
        } finally {
            pool.shutdownNow();
        }
        if (ownedStopExecutor != null) {
            ownedStopExecutor.shutdown();
            try {
                ownedStopExecutor.awaitTermination(SHUTDOWN_STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watchdog.close();
        client.close();
        logger.info("Wrapper closed");
    }

    /** Runs the expiry sweep now (the background task does this every cleanup interval). */
    void sweepExpiredNow() {
        sessions.sweepExpired();
    }

    /** Runs the orphan sweep now and returns how many sandboxes it stopped. */
    int sweepOrphansNow() {
        return orphanSweep.sweep();
    }

    /** Installs the packages the session lacks, reporting the phase; a cancel or an install that hangs ends the call. */
    private void installDependencies(Session session, List<String> dependencies, Duration timeout, CallContext call) {
        List<String> missing = installer.missing(session, dependencies);
        if (missing.isEmpty()) {
            return;
        }
        throwIfCancelled(session, true, call);
        call.progress().phase("installing " + missing.size() + (missing.size() == 1 ? " package" : " packages"));
        DependencyInstaller.Install install = installer.install(session, missing, timeout, call.cancellation());
        if (install.stillRunning()) {
            reset(session, "its package install could not be ended");
        }
        if (install.stoppedBy() == RunGuard.Stop.CANCEL) {
            if (install.stillRunning()) {
                session.markResetUnreported();
            }
            throw CodeExecutionException.cancelled(
                    session.id(), session.template().id(), !install.stillRunning());
        }
        if (install.stillRunning()) {
            throw CodeExecutionException.dependencyInstallFailed(
                    session.id(),
                    session.template().id(),
                    missing,
                    "the install did not finish within the " + timeout.toSeconds()
                            + " s timeout and could not be stopped; the sandbox was restarted");
        }
    }

    /** Ends the call if its caller has given up; nothing of it has run yet, so the session's state is kept. */
    private static void throwIfCancelled(Session session, boolean code, CallContext call) {
        if (call.cancellation().isCancelled()) {
            throw cancelledBeforeRun(session, code);
        }
    }

    private static MsbException cancelledBeforeRun(Session session, boolean code) {
        return code
                ? CodeExecutionException.cancelled(
                        session.id(), session.template().id(), true)
                : CommandExecutionException.cancelled(session.id(), true);
    }

    /**
     * Forgets the session's sandbox, whose work could not be stopped, and stops it in the background; the next call
     * starts a fresh one under a new name. The caller holds the session's lock.
     */
    private void reset(Session session, String why) {
        String old = session.reset();
        logger.info("Session '{}' reset: {}", session.id(), why);
        try {
            stopExecutor.execute(() -> lifecycle.stopQuietly(old));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            lifecycle.stopQuietly(old);
        }
    }

    private void countExecution(Session session) {
        session.countExecution();
        executions.incrementAndGet();
    }

    /**
     * Takes the session (creating it if needed), waits for its turn, starts its sandbox if it has none, and runs the
     * call. A session stopped while this call waited is created afresh under the same id.
     */
    private <T> T inSession(
            @Nullable String sessionId,
            @Nullable Template template,
            @Nullable Flavor flavor,
            boolean code,
            CallContext context,
            SessionCall<T> call) {
        for (int attempt = 1; ; attempt++) {
            if (closed.get()) {
                throw ConnectionException.shuttingDown(config.serverUrlForDisplay());
            }
            SessionManager.Lease lease = sessions.acquire(sessionId, template, flavor, config.defaultFlavor());
            Session session = lease.session();
            try {
                lock(session, code, context);
                try {
                    if (session.isClosed()) {
                        if (attempt < MAX_SESSION_ATTEMPTS) {
                            continue;
                        }
                        throw gone(session, code);
                    }
                    MsbException failure = session.failure();
                    if (failure != null) {
                        throw failure;
                    }
                    if (!session.isStarted()) {
                        throwIfCancelled(session, code, context);
                        context.progress().phase("starting sandbox");
                        startSandbox(session);
                    }
                    return call.run(session, lease.created());
                } catch (SandboxApiException e) {
                    throw translate(e, session, code);
                } finally {
                    session.unlock();
                }
            } finally {
                sessions.release(lease);
            }
        }
    }

    /**
     * Waits for the session's turn, in arrival order; a call cancelled while it waits leaves the queue at once (the
     * cancel interrupts the waiting thread, only while it waits).
     */
    private void lock(Session session, boolean code, CallContext context) {
        Thread waiter = Thread.currentThread();
        Object guard = new Object();
        boolean[] waiting = {true};
        try (Cancellation.Registration registration = context.cancellation().onCancel(() -> {
            synchronized (guard) {
                if (waiting[0]) {
                    waiter.interrupt();
                }
            }
        })) {
            session.lock();
        } catch (InterruptedException e) {
            if (context.cancellation().isCancelled()) {
                throw cancelledBeforeRun(session, code);
            }
            Thread.currentThread().interrupt();
            String detail = "interrupted while waiting for the session";
            throw code
                    ? CodeExecutionException.replFailed(
                            session.id(), session.template().id(), detail)
                    : CommandExecutionException.commandFailed(session.id(), detail);
        } finally {
            synchronized (guard) {
                waiting[0] = false;
            }
        }
        if (context.cancellation().isCancelled()) {
            Thread.interrupted(); // a cancel that came just as the lock was taken; the call ends before it runs
        }
    }

    private void startSandbox(Session session) {
        try {
            lifecycle.start(session);
        } catch (MsbException e) {
            session.markFailed(e);
            sessions.drop(session);
            if (mayHaveStarted(e)) {
                // e.g. a start that timed out on our side may still complete on the server
                String name = session.sandboxName();
                stopExecutor.execute(() -> lifecycle.stopAfterFailedStart(name));
            }
            throw e;
        }
    }

    /** False when the start request certainly never reached the server (breaker open, shutdown, key refused). */
    private static boolean mayHaveStarted(MsbException e) {
        if (e instanceof ConnectionException connection) {
            return connection.kind() != ConnectionException.Kind.CIRCUIT_OPEN
                    && connection.kind() != ConnectionException.Kind.SHUTTING_DOWN;
        }
        return e instanceof SandboxCreationException;
    }

    /**
     * Turns an API error of a run into the right exception: if the sandbox is gone, the session is dropped (the next
     * call recreates it) and the error says so; otherwise the run failed on the server.
     */
    private MsbException translate(SandboxApiException e, Session session, boolean code) {
        if (e.isServerError() && lifecycle.isGone(session.sandboxName())) {
            sessions.drop(session);
            logger.info("Sandbox '{}' of session '{}' is gone; session dropped", session.sandboxName(), session.id());
            return gone(session, code);
        }
        logger.warn("Run in session '{}' failed: {}", session.id(), e.describe());
        return code
                ? CodeExecutionException.replFailed(
                        session.id(), session.template().id(), e.describe())
                : CommandExecutionException.commandFailed(session.id(), e.describe());
    }

    private static MsbException gone(Session session, boolean code) {
        return code
                ? CodeExecutionException.sandboxGone(session.id(), session.sandboxName())
                : CommandExecutionException.sandboxGone(session.id(), session.sandboxName());
    }

    private SessionInfo info(Session session) {
        return new SessionInfo(
                session.id(),
                session.template(),
                session.flavor(),
                session.status(),
                session.createdAt(),
                session.lastAccessed(),
                session.lastAccessed().plus(sessions.idleTimeout()),
                config.namespace(),
                session.sandboxName(),
                session.executions());
    }

    @FunctionalInterface
    private interface SessionCall<T> {
        T run(Session session, boolean created);
    }

    /** Builds a {@link MicrosandboxWrapper}; only the configuration is required. */
    public static final class Builder {
        private final WrapperConfig config;
        private @Nullable MicrosandboxClient client;
        private Ticker ticker = Ticker.systemTicker();
        private Clock clock = Clock.systemUTC();
        private @Nullable Executor stopExecutor;
        private Duration interruptGrace = Watchdog.DEFAULT_GRACE;

        private Builder(WrapperConfig config) {
            this.config = requireNonNull(config, "config");
        }

        /** The Microsandbox client; default: HTTP to {@code config.serverUrl()} with retries and a breaker. */
        public Builder client(MicrosandboxClient client) {
            this.client = requireNonNull(client, "client");
            return this;
        }

        /** The time source of session expiry (a fake one lets tests move time). */
        public Builder ticker(Ticker ticker) {
            this.ticker = requireNonNull(ticker, "ticker");
            return this;
        }

        /** The wall clock of timestamps shown to callers. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /** Runs the stops of expired sessions' sandboxes; default: a small pool owned by the wrapper. */
        public Builder stopExecutor(Executor stopExecutor) {
            this.stopExecutor = requireNonNull(stopExecutor, "stopExecutor");
            return this;
        }

        /**
         * How long a timed-out or cancelled run may take to end after its interrupt (SIGINT to the code, TERM/KILL to a
         * command's process group) before the sandbox is restarted instead; default {@link Watchdog#DEFAULT_GRACE}.
         */
        public Builder interruptGrace(Duration interruptGrace) {
            requireNonNull(interruptGrace, "interruptGrace");
            if (interruptGrace.isNegative() || interruptGrace.isZero()) {
                throw new IllegalArgumentException("interruptGrace must be positive, was " + interruptGrace);
            }
            this.interruptGrace = interruptGrace;
            return this;
        }

        public MicrosandboxWrapper build() {
            if (client == null) {
                client = io.msbmcp.wrapper.client.MicrosandboxClients.create(config);
            }
            return new MicrosandboxWrapper(this);
        }
    }
}

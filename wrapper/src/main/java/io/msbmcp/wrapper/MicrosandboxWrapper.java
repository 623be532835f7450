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
import io.msbmcp.wrapper.files.ArtifactFile;
import io.msbmcp.wrapper.files.ArtifactScanner;
import io.msbmcp.wrapper.files.DownloadFileRequest;
import io.msbmcp.wrapper.files.DownloadedFile;
import io.msbmcp.wrapper.files.FileListing;
import io.msbmcp.wrapper.files.FileOutcome;
import io.msbmcp.wrapper.files.ListFilesRequest;
import io.msbmcp.wrapper.files.SandboxFiles;
import io.msbmcp.wrapper.files.UploadFileRequest;
import io.msbmcp.wrapper.files.UploadedFile;
import io.msbmcp.wrapper.session.SandboxLifecycle;
import io.msbmcp.wrapper.session.SandboxStopper;
import io.msbmcp.wrapper.session.Session;
import io.msbmcp.wrapper.session.SessionManager;
import io.msbmcp.wrapper.session.StopOutcome;
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
    private final SandboxStopper stopper;
    private final CodeRunner codeRunner;
    private final CommandRunner commandRunner;
    private final DependencyInstaller installer;
    private final SandboxFiles files;
    private final ArtifactScanner artifacts;
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
        this.stopper = new SandboxStopper(lifecycle, builder.ticker, stopExecutor);
        SessionManager[] self = new SessionManager[1];
        this.sessions = new SessionManager(
                config.sessionTimeout(),
                config.maxSessions(),
                config.maxTotalMemoryMb(),
                config.maxSessionsPerPrincipal(),
                builder.ticker,
                builder.clock,
                stopExecutor,
                session -> stopper.stopLater(session.sandboxName(), () -> self[0].freeResources(session)));
        self[0] = sessions;
        OutputCapper capper = new OutputCapper(config.maxOutputBytes());
        this.watchdog = new Watchdog(builder.interruptGrace);
        Interrupts interrupts = new Interrupts(client, config.namespace());
        this.codeRunner =
                new CodeRunner(client, config.namespace(), capper, watchdog, interrupts, config.maxInlineImageBytes());
        this.commandRunner = new CommandRunner(client, config.namespace(), capper, watchdog, interrupts);
        this.installer = new DependencyInstaller(client, config.namespace(), watchdog, interrupts);
        this.files = new SandboxFiles(client, config.namespace(), config.executionTimeout(), config.maxFileBytes());
        this.artifacts = new ArtifactScanner(client, config.namespace(), config.maxInlineImageBytes());
        this.orphanSweep = new OrphanSweep(client, config.namespace(), sessions::trackedSandboxNames, builder.clock);
        this.tasks = new BackgroundTasks(
                sessions::sweepExpired,
                orphanSweep,
                config.cleanupInterval(),
                config.orphanCleanupInterval(),
                stopper::retryDue);
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
        return inSession(call, request.sessionId(), request.template(), request.flavor(), true, (session, created) -> {
            installDependencies(session, request.dependencies(), timeout, call);
            throwIfCancelled(session, true, call);
            countExecution(session);
            call.progress().phase("running");
            String resetReason = null;
            CodeOutcome outcome;
            try {
                outcome = codeRunner.run(
                        session,
                        request.code(),
                        timeout,
                        call.cancellation(),
                        session.stateMarker(),
                        request.collectFiles());
            } catch (SandboxApiException e) {
                if (!isGone(session, e)) {
                    throw e;
                }
                resetReason = replaceGoneSandbox(session);
                outcome = runAgain(session, request, timeout, call);
            }
            if (outcome.stateLost()) {
                resetReason = forgetLostState(session);
                outcome = runAgain(session, request, timeout, call);
            }
            session.stateMarker(outcome.stateMarker());
            boolean reset = false;
            if (outcome.needsReset()) {
                // Code that could not be interrupted, or an interpreter that exited (the legacy portal never restarts
                // it): a fresh sandbox keeps the next call from waiting behind it or failing the same way.
                String why = outcome.cancelled()
                        ? "its cancelled code could not be interrupted"
                        : outcome.timedOut()
                                ? "its code could not be interrupted after the " + timeout.toSeconds() + " s timeout"
                                : "the interpreter exited";
                reset(session, why);
                reset = true;
                resetReason = "the session's sandbox was restarted because " + why + ", so its earlier state is gone";
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
            if (earlierReset && resetReason == null) {
                resetReason = "an earlier cancelled call could not be interrupted, so the session's sandbox was"
                        + " restarted and its earlier state is gone";
            }
            CodeExecutionResult result = new CodeExecutionResult(
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
                    reset || earlierReset || resetReason != null,
                    resetReason,
                    java.util.List.of());
            return result.withFiles(reset ? List.of() : outcome.files());
        });
    }

    /** Runs a shell line in the request's session (created if needed). A non-zero exit is a result. */
    public CommandExecutionResult executeCommand(ExecuteCommandRequest request) {
        return executeCommand(request, CallContext.unobserved());
    }

    /** Runs a shell line in the request's session (created if needed) for {@code call}. A non-zero exit is a result. */
    public CommandExecutionResult executeCommand(ExecuteCommandRequest request, CallContext call) {
        Duration timeout = request.timeout() != null ? request.timeout() : config.executionTimeout();
        return inSession(call, request.sessionId(), request.template(), request.flavor(), false, (session, created) -> {
            long runStarted = System.nanoTime();
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
            CommandExecutionResult result = new CommandExecutionResult(
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
            return result.withFiles(collectFiles(session, request.collectFiles(), runStarted));
        });
    }

    /**
     * Writes a file into the request's session (created if needed, like the execution tools), in chunks, atomically:
     * a failed transfer leaves nothing under the target name. A file larger than {@code MSB_MAX_FILE_BYTES} is refused
     * before any byte is sent. A refusal of the sandbox's file system (the target is a directory, exists without
     * overwrite, ...) is a {@link FileOutcome#problem()}.
     */
    public FileOutcome<UploadedFile> uploadFile(UploadFileRequest request, CallContext call) {
        files.checkUploadSize(request.content().length);
        return inSession(
                call,
                request.sessionId(),
                request.template(),
                request.flavor(),
                false,
                (session, created) -> files.upload(session, created, request));
    }

    /**
     * Reads a file of an existing session (an unknown session is a {@link SessionNotFoundException}). A file larger
     * than {@code MSB_MAX_FILE_BYTES} is refused unless {@code max_bytes} asks for its head.
     */
    public FileOutcome<DownloadedFile> downloadFile(DownloadFileRequest request, CallContext call) {
        return downloadFile(request, "path", call);
    }

    /** {@link #downloadFile(DownloadFileRequest, CallContext)} naming {@code field} in invalid-argument errors. */
    public FileOutcome<DownloadedFile> downloadFile(DownloadFileRequest request, String field, CallContext call) {
        return inExistingSession(call, request.sessionId(), session -> files.download(session, request, field));
    }

    /** Lists a directory (or one file) of an existing session. */
    public FileOutcome<FileListing> listFiles(ListFilesRequest request, CallContext call) {
        return inExistingSession(call, request.sessionId(), session -> files.list(session, request));
    }

    /** The files a run created or changed (never throws; an empty list when off). */
    private List<ArtifactFile> collectFiles(Session session, boolean enabled, long runStartedNanos) {
        return enabled ? artifacts.scan(session, runStartedNanos) : List.of();
    }

    /** All live sessions, oldest first, or just the one named; an unknown id is a {@link SessionNotFoundException}. */
    public List<SessionInfo> getSessions(@Nullable String sessionId) {
        return getSessions(sessionId, CallContext.unobserved());
    }

    /** The caller's live sessions, oldest first, or just the one named (another principal's is not found). */
    public List<SessionInfo> getSessions(@Nullable String sessionId, CallContext call) {
        if (sessionId != null) {
            Arguments.checkSessionId(sessionId);
            Session session = sessions.find(call.principal(), sessionId)
                    .orElseThrow(() -> SessionNotFoundException.of(sessionId));
            return List.of(info(session));
        }
        return sessions.all(call.principal()).stream()
                .sorted(Comparator.comparing(Session::createdAt))
                .map(this::info)
                .collect(Collectors.toList());
    }

    /**
     * Stops a session and its sandbox; an unknown id is a {@link SessionNotFoundException}. The session is gone for the
     * caller either way; its slot and memory are given back only once the backend confirms the sandbox stopped. When it
     * does not, this throws a {@link ConnectionException} saying so, and the stop is retried in the background.
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
        Session session =
                sessions.remove(call.principal(), sessionId).orElseThrow(() -> SessionNotFoundException.of(sessionId));
        StopOutcome outcome = stopper.stop(session.sandboxName(), () -> sessions.freeResources(session));
        if (!outcome.confirmed()) {
            logger.warn("Session '{}' closed, but its sandbox is not confirmed stopped; retrying", sessionId);
            throw ConnectionException.stopFailed(
                    config.serverUrlForDisplay(), sessionId, session.sandboxName(), String.valueOf(outcome.failure()));
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
                            () -> sessions.remove(session.principal(), session.id())
                                    .ifPresent(removed ->
                                            stopper.stop(removed.sandboxName(), () -> sessions.freeResources(removed))),
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
        int unconfirmed = stopper.flush();
        if (unconfirmed > 0) {
            logger.warn(
                    "{} sandbox stop(s) not confirmed at shutdown; the orphan sweep of the next start covers them",
                    unconfirmed);
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

    /** Retries the unconfirmed sandbox stops that are due now (the background task does this every second). */
    int retryStopsNow() {
        return stopper.retryDue();
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
        stopper.stopLater(old, () -> {});
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
            CallContext context,
            @Nullable String sessionId,
            @Nullable Template template,
            @Nullable Flavor flavor,
            boolean code,
            SessionCall<T> call) {
        for (int attempt = 1; ; attempt++) {
            if (closed.get()) {
                throw ConnectionException.shuttingDown(config.serverUrlForDisplay());
            }
            SessionManager.Lease lease =
                    sessions.acquire(context.principal(), sessionId, template, flavor, config.defaultFlavor());
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
     * Takes the existing session {@code sessionId} (never creating one), waits for its turn, starts its sandbox if it
     * has none (after a reset), and runs the call. Failures of the backend are command errors.
     */
    private <T> T inExistingSession(
            CallContext context, String sessionId, java.util.function.Function<Session, T> call) {
        Arguments.checkSessionId(sessionId);
        if (closed.get()) {
            throw ConnectionException.shuttingDown(config.serverUrlForDisplay());
        }
        SessionManager.Lease lease = sessions.acquireExisting(context.principal(), sessionId)
                .orElseThrow(() -> SessionNotFoundException.of(sessionId));
        Session session = lease.session();
        try {
            lock(session, false, context);
            try {
                if (session.isClosed()) {
                    throw SessionNotFoundException.of(sessionId);
                }
                MsbException failure = session.failure();
                if (failure != null) {
                    throw failure;
                }
                if (!session.isStarted()) {
                    startSandbox(session);
                }
                return call.apply(session);
            } catch (SandboxApiException e) {
                throw translate(e, session, false);
            } finally {
                session.unlock();
            }
        } finally {
            sessions.release(lease);
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
            if (mayStillStart(e)) {
                // a start that timed out (or whose answer was lost) on our side may still complete on the server: keep
                // stopping it, and keep its slot, for as long again as we waited for it, until the backend confirms
                // it does not run, so a late start is stopped by the next retry instead of running untracked
                stopper.stopAfterFailedStart(
                        session.sandboxName(), lateStartWatch(), () -> sessions.freeResources(session));
            } else if (mayHaveStarted(e)) {
                // the server answered the start with an error: whatever it left is stopped once, with retries
                stopper.stopLater(session.sandboxName(), () -> sessions.freeResources(session));
            } else {
                sessions.freeResources(session);
            }
            throw e;
        }
    }

    /**
     * True when a run failed because the session's sandbox is gone: the backend answered with a server error and
     * confirms the sandbox no longer runs. Only asked of a sandbox an earlier run of the session reached (it has a
     * state marker); a sandbox started by this call that fails so is the session's end, as before (see {@link
     * #translate}).
     */
    private boolean isGone(Session session, SandboxApiException e) {
        return session.stateMarker() != null
                && e.isServerError()
                && lifecycle.isConfirmedNotRunning(session.sandboxName());
    }

    /**
     * Replaces the session's sandbox, which the backend no longer runs (it restarted or stopped it), by a fresh one and
     * returns the reason the result gives. The state check and the run are one backend call, so this is noticed when
     * the run itself fails: the code then runs again in the fresh sandbox. If the old sandbox died while the code ran,
     * its effects there are gone with it, so the code runs once more in full.
     */
    private String replaceGoneSandbox(Session session) {
        String old = session.reset();
        stopper.stopLater(old, () -> {});
        startSandbox(session);
        logger.info("Session '{}' lost its sandbox '{}'; started a new one", session.id(), old);
        return "the session's sandbox was no longer running (the Microsandbox server restarted or stopped it); a new"
                + " one was started, so its earlier state is gone";
    }

    /**
     * Forgets what the session's REPL held: the runner found it without the session's state marker (the backend
     * replaced the interpreter or restarted the sandbox under the same name) and ran nothing. Returns the reason the
     * result gives.
     */
    private String forgetLostState(Session session) {
        session.forgetInstalled();
        session.stateMarker(null);
        logger.info("Session '{}' lost its REPL state", session.id());
        return "the session's interpreter was replaced behind msb-mcp's back (the Microsandbox server or the sandbox"
                + " restarted), so its earlier state is gone";
    }

    /**
     * Runs the request again after the session's state was found lost or its sandbox gone: the packages are installed
     * again and the code runs without a state check (the REPL gets a fresh marker). The only case of two runs.
     */
    private CodeOutcome runAgain(Session session, ExecuteCodeRequest request, Duration timeout, CallContext call) {
        installDependencies(session, request.dependencies(), timeout, call);
        throwIfCancelled(session, true, call);
        return codeRunner.run(session, request.code(), timeout, call.cancellation(), null, request.collectFiles());
    }

    /**
     * How long a start we gave up on is watched: as long again as the client waited for it ({@code
     * MSB_SANDBOX_START_TIMEOUT} plus the client's margin), so a start that reached the backend late, or took it twice
     * as long as we waited, is still stopped.
     */
    private Duration lateStartWatch() {
        return config.sandboxStartTimeout().plus(io.msbmcp.wrapper.client.ClientTimeouts.DEFAULT_MARGIN);
    }

    /** True when the start's answer never came back: the server may be carrying it out still. */
    private static boolean mayStillStart(MsbException e) {
        return e instanceof ConnectionException connection
                && (connection.kind() == ConnectionException.Kind.TIMED_OUT
                        || connection.kind() == ConnectionException.Kind.UNREACHABLE
                        || connection.kind() == ConnectionException.Kind.UNEXPECTED_RESPONSE);
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
            sessions.freeResources(session);
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

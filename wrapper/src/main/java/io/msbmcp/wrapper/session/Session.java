package io.msbmcp.wrapper.session;

import io.msbmcp.errors.MsbException;
import io.msbmcp.wrapper.Flavor;
import io.msbmcp.wrapper.SessionStatus;
import io.msbmcp.wrapper.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One session: its template and flavor, the sandbox behind it and what the sandbox has been given.
 *
 * <p>Calls hold the session's fair lock while they use the sandbox, so they run one at a time in arrival order. The
 * sandbox fields are guarded by that lock; the in-flight count, timestamps and the closed flag are atomic because the
 * registry and the sweeps read them without the lock.
 */
public final class Session {
    /** Where the session's sandbox is. */
    enum State {
        /** No sandbox running yet (new, or reset after a timeout): the next call starts one. */
        NEW,
        /** The sandbox runs. */
        READY,
        /** Starting the sandbox failed; calls that queued behind the start get the same error. */
        FAILED
    }

    private final String id;
    private final String principal;
    private final Template template;
    private final Flavor flavor;
    private final Instant createdAt;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong executions = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean limitsReleased = new AtomicBoolean();
    private volatile Instant lastAccessed;
    private volatile String sandboxName;
    private volatile State state = State.NEW;
    private @Nullable MsbException failure;
    private @Nullable String stateMarker;
    private boolean resetUnreported;
    private final Set<String> installedDependencies = new LinkedHashSet<>();
    private final List<String> packagePaths = new ArrayList<>();

    Session(String id, String principal, Template template, Flavor flavor, String sandboxName, Instant now) {
        this.id = id;
        this.principal = principal;
        this.template = template;
        this.flavor = flavor;
        this.sandboxName = sandboxName;
        this.createdAt = now;
        this.lastAccessed = now;
    }

    public String id() {
        return id;
    }

    /** The principal that created the session; only it can see and use the session. Never a token. */
    public String principal() {
        return principal;
    }

    public Template template() {
        return template;
    }

    public Flavor flavor() {
        return flavor;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastAccessed() {
        return lastAccessed;
    }

    /** The current sandbox's name (it changes when the session is reset). */
    public String sandboxName() {
        return sandboxName;
    }

    public long executions() {
        return executions.get();
    }

    /** Counts one code or command run. */
    public void countExecution() {
        executions.incrementAndGet();
    }

    /** True once the session has been stopped, expired or dropped; its sandbox is then stopped or being stopped. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Marks the session closed; true only for the caller that closed it. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    /** Calls holding a lease on this session (running or queued). */
    int inFlight() {
        return inFlight.get();
    }

    void beginCall(Instant now) {
        inFlight.incrementAndGet();
        lastAccessed = now;
    }

    void endCall(Instant now) {
        inFlight.decrementAndGet();
        lastAccessed = now;
    }

    boolean markLimitsReleased() {
        return limitsReleased.compareAndSet(false, true);
    }

    /** Status as {@code get_sessions} shows it. */
    public SessionStatus status() {
        if (state == State.NEW && inFlight.get() > 0) {
            return SessionStatus.STARTING;
        }
        return inFlight.get() > 0 ? SessionStatus.RUNNING : SessionStatus.READY;
    }

    /** Waits for this session's turn: calls get it in the order they asked (the lock is fair). */
    public void lock() throws InterruptedException {
        lock.lockInterruptibly();
    }

    public void unlock() {
        lock.unlock();
    }

    // --- guarded by the lock ---

    /** True when the sandbox runs; false when the next call has to start one. */
    public boolean isStarted() {
        requireLock();
        return state == State.READY;
    }

    /** The error the start failed with, if it failed. */
    public @Nullable MsbException failure() {
        requireLock();
        return state == State.FAILED ? failure : null;
    }

    public void markStarted() {
        requireLock();
        state = State.READY;
    }

    public void markFailed(MsbException error) {
        requireLock();
        state = State.FAILED;
        failure = error;
    }

    /**
     * Forgets the sandbox (after a timeout or when it disappeared) so the next call starts a fresh one under a new
     * name; installed packages go with it. Returns the old sandbox name.
     */
    public String reset() {
        requireLock();
        String old = sandboxName;
        sandboxName = SessionIds.newSandboxName(id);
        state = State.NEW;
        stateMarker = null;
        forgetInstalled();
        return old;
    }

    /** Forgets what was installed (the sandbox lost its state): packages are installed again when asked for. */
    public void forgetInstalled() {
        requireLock();
        installedDependencies.clear();
        packagePaths.clear();
    }

    /** The random marker set in the current REPL when it started, or null when none is set. */
    public @Nullable String stateMarker() {
        requireLock();
        return stateMarker;
    }

    public void stateMarker(@Nullable String marker) {
        requireLock();
        this.stateMarker = marker;
    }

    /**
     * Notes that the sandbox was restarted by a call that could not say so (it was cancelled), so that the next result
     * on this session does.
     */
    public void markResetUnreported() {
        requireLock();
        resetUnreported = true;
    }

    /** True once after {@link #markResetUnreported()}: the caller's result must say {@code session_reset}. */
    public boolean takeResetUnreported() {
        requireLock();
        boolean unreported = resetUnreported;
        resetUnreported = false;
        return unreported;
    }

    /** Packages already installed into this sandbox. */
    public Set<String> installedDependencies() {
        requireLock();
        return installedDependencies;
    }

    /** Folders in the sandbox that installed packages live in, to put on the REPL's module path. */
    public List<String> packagePaths() {
        requireLock();
        return packagePaths;
    }

    private void requireLock() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("session '" + id + "' is not locked by this thread");
        }
    }
}

package io.msbmcp.wrapper.client;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.msbmcp.errors.ConnectionException;
import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.model.SandboxConfig;
import io.msbmcp.wrapper.model.SandboxStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds one named {@link Retry} and one named {@link CircuitBreaker} to a {@link MicrosandboxClient}.
 *
 * <ul>
 *   <li><b>Retry</b>, with exponential backoff, only for the idempotent calls (health, metrics, stop), and only on a
 *       {@link ConnectionException} or a {@link SandboxApiException} with a 5xx status. Start and runs are never
 *       retried (a run may have had effects); 4xx, 401 and 403 never are.
 *   <li><b>Circuit breaker</b> around every call but health. It counts only {@link ConnectionException} as a
 *       failure: a 500 for a failed command, a 400 or a rejected key is the server answering. While it is open, calls
 *       fail at once with {@link ConnectionException#circuitOpen} and reach no server. Retry wraps the breaker, so
 *       each attempt is one breaker call.
 *   <li>{@link #health()} bypasses the breaker (health must see the truth, and it is what shows the server back) but
 *       is retried.
 * </ul>
 */
final class ResilientMicrosandboxClient implements MicrosandboxClient {
    private static final Logger logger = LoggerFactory.getLogger(ResilientMicrosandboxClient.class);

    /** The name of the client's {@link Retry} and {@link CircuitBreaker}. */
    static final String NAME = "microsandbox";

    private final MicrosandboxClient delegate;
    private final String serverUrl;
    private final Duration waitInOpenState;
    private final Retry retry;
    private final CircuitBreaker breaker;

    ResilientMicrosandboxClient(MicrosandboxClient delegate, ResilienceSettings settings, String serverUrl) {
        this.delegate = delegate;
        this.serverUrl = serverUrl;
        this.waitInOpenState = settings.waitInOpenState();
        this.retry = Retry.of(
                NAME,
                RetryConfig.custom()
                        .maxAttempts(settings.maxAttempts())
                        .intervalFunction(settings.intervalFunction())
                        .retryOnException(ResilientMicrosandboxClient::isTransient)
                        .build());
        this.breaker = CircuitBreaker.of(
                NAME,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(settings.slidingWindowSize())
                        .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                        .failureRateThreshold(settings.failureRateThreshold())
                        .waitDurationInOpenState(settings.waitInOpenState())
                        .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                        .automaticTransitionFromOpenToHalfOpenEnabled(settings.automaticTransitionToHalfOpen())
                        .recordException(e -> e instanceof ConnectionException)
                        .build());
        retry.getEventPublisher()
                .onRetry(event -> logger.warn(
                        "Call to the Microsandbox server at '{}' failed; retry {} in {} ms: {}",
                        serverUrl,
                        event.getNumberOfRetryAttempts(),
                        event.getWaitInterval().toMillis(),
                        summary(event.getLastThrowable())));
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                logger.warn(
                        "Circuit breaker for the Microsandbox server at '{}' opened: calls fail fast for {} s",
                        serverUrl,
                        waitInOpenState.toSeconds());
            } else {
                logger.info("Circuit breaker for the Microsandbox server at '{}' is now {}", serverUrl, stateName(to));
            }
        });
    }

    /** Whether a failed idempotent call is worth another attempt: no answer, or a 5xx answer. */
    static boolean isTransient(Throwable e) {
        return e instanceof ConnectionException
                || (e instanceof SandboxApiException apiError && apiError.isServerError());
    }

    @Override
    public void health() {
        retry.executeRunnable(delegate::health);
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            // the server answers again: let calls probe it now instead of failing fast until the wait ends
            breaker.transitionToHalfOpenState();
        }
    }

    @Override
    public String startSandbox(String namespace, String sandbox, SandboxConfig config) {
        return guarded(() -> delegate.startSandbox(namespace, sandbox, config));
    }

    @Override
    public void stopSandbox(String namespace, String sandbox) {
        retriedAndGuarded(() -> {
            delegate.stopSandbox(namespace, sandbox);
            return Boolean.TRUE;
        });
    }

    @Override
    public List<SandboxStatus> metrics(String namespace, @Nullable String sandbox) {
        return retriedAndGuarded(() -> delegate.metrics(namespace, sandbox));
    }

    @Override
    public ReplRunResult runRepl(ReplRunParams params) {
        return guarded(() -> delegate.runRepl(params));
    }

    @Override
    public CommandRunResult runCommand(CommandRunParams params) {
        return guarded(() -> delegate.runCommand(params));
    }

    @Override
    public ReplRunResult runRepl(ReplRunParams params, Cancellation abort) {
        return guarded(() -> delegate.runRepl(params, abort));
    }

    @Override
    public CommandRunResult runCommand(CommandRunParams params, Cancellation abort) {
        return guarded(() -> delegate.runCommand(params, abort));
    }

    @Override
    public String circuitBreakerState() {
        return stateName(breaker.getState());
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "ResilientMicrosandboxClient[" + delegate + ", breaker=" + circuitBreakerState() + "]";
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            throw ConnectionException.circuitOpen(serverUrl, waitInOpenState);
        }
    }

    private <T> T retriedAndGuarded(Supplier<T> call) {
        try {
            // CallNotPermittedException is not transient: an open breaker ends the retries at once
            return retry.executeSupplier(() -> breaker.executeSupplier(call));
        } catch (CallNotPermittedException e) {
            throw ConnectionException.circuitOpen(serverUrl, waitInOpenState);
        }
    }

    private static String stateName(CircuitBreaker.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String summary(@Nullable Throwable e) {
        return e == null ? "unknown" : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}

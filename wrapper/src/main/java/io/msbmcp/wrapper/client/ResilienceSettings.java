package io.msbmcp.wrapper.client;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * The retry and circuit-breaker settings of one Microsandbox client.
 *
 * <p>Retries (only for health, metrics and stop) wait {@code initialBackoff}, then that times {@code
 * backoffMultiplier}, and so on. The breaker is count-based: over the last {@code slidingWindowSize} calls, once at
 * least {@code minimumNumberOfCalls} were made, a failure rate of {@code failureRateThreshold} percent opens it; it
 * stays open for {@code waitInOpenState}, then lets {@code permittedCallsInHalfOpenState} probes through.
 *
 * @param maxAttempts attempts of an idempotent call, the first included (default 3)
 * @param initialBackoff wait before the first retry (default 200 ms)
 * @param backoffMultiplier growth of the wait per retry (default 2)
 * @param slidingWindowSize calls the failure rate is computed over (default 10)
 * @param minimumNumberOfCalls calls needed before the rate counts (default 5)
 * @param failureRateThreshold percent of failures that opens the breaker (default 50)
 * @param waitInOpenState time the breaker stays open (default 10 s)
 * @param permittedCallsInHalfOpenState probes let through when half-open (default 2)
 * @param automaticTransitionToHalfOpen whether the breaker half-opens by itself after the wait (default true)
 */
public record ResilienceSettings(
        int maxAttempts,
        Duration initialBackoff,
        double backoffMultiplier,
        int slidingWindowSize,
        int minimumNumberOfCalls,
        float failureRateThreshold,
        Duration waitInOpenState,
        int permittedCallsInHalfOpenState,
        boolean automaticTransitionToHalfOpen) {

    public ResilienceSettings {
        requireAtLeastOne(maxAttempts, "maxAttempts");
        requirePositive(initialBackoff, "initialBackoff");
        requireMultiplier(backoffMultiplier);
        requireAtLeastOne(slidingWindowSize, "slidingWindowSize");
        requireAtLeastOne(minimumNumberOfCalls, "minimumNumberOfCalls");
        requireRate(failureRateThreshold);
        requirePositive(waitInOpenState, "waitInOpenState");
        requireAtLeastOne(permittedCallsInHalfOpenState, "permittedCallsInHalfOpenState");
    }

    /** 3 attempts from 200 ms ×2; window 10, minimum 5 calls, 50 %, 10 s open, 2 half-open probes, auto half-open. */
    public static ResilienceSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The wait before each retry: exponential from {@link #initialBackoff()} by {@link #backoffMultiplier()}. */
    public IntervalFunction intervalFunction() {
        return IntervalFunction.ofExponentialBackoff(initialBackoff, backoffMultiplier);
    }

    private static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    private static void requireMultiplier(double multiplier) {
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoffMultiplier must be at least 1, was " + multiplier);
        }
    }

    private static void requireRate(float rate) {
        if (!(rate > 0f && rate <= 100f)) {
            throw new IllegalArgumentException("failureRateThreshold must be in (0, 100], was " + rate);
        }
    }

    /** Builds {@link ResilienceSettings}; unset values take the defaults. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private double backoffMultiplier = 2.0;
        private int slidingWindowSize = 10;
        private int minimumNumberOfCalls = 5;
        private float failureRateThreshold = 50f;
        private Duration waitInOpenState = Duration.ofSeconds(10);
        private int permittedCallsInHalfOpenState = 2;
        private boolean automaticTransitionToHalfOpen = true;

        private Builder() {}

        public Builder maxAttempts(int maxAttempts) {
            requireAtLeastOne(maxAttempts, "maxAttempts");
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            requirePositive(initialBackoff, "initialBackoff");
            this.initialBackoff = initialBackoff;
            return this;
        }

        public Builder backoffMultiplier(double backoffMultiplier) {
            requireMultiplier(backoffMultiplier);
            this.backoffMultiplier = backoffMultiplier;
            return this;
        }

        public Builder slidingWindowSize(int slidingWindowSize) {
            requireAtLeastOne(slidingWindowSize, "slidingWindowSize");
            this.slidingWindowSize = slidingWindowSize;
            return this;
        }

        public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
            requireAtLeastOne(minimumNumberOfCalls, "minimumNumberOfCalls");
            this.minimumNumberOfCalls = minimumNumberOfCalls;
            return this;
        }

        public Builder failureRateThreshold(float failureRateThreshold) {
            requireRate(failureRateThreshold);
            this.failureRateThreshold = failureRateThreshold;
            return this;
        }

        public Builder waitInOpenState(Duration waitInOpenState) {
            requirePositive(waitInOpenState, "waitInOpenState");
            this.waitInOpenState = waitInOpenState;
            return this;
        }

        public Builder permittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
            requireAtLeastOne(permittedCallsInHalfOpenState, "permittedCallsInHalfOpenState");
            this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
            return this;
        }

        public Builder automaticTransitionToHalfOpen(boolean automaticTransitionToHalfOpen) {
            this.automaticTransitionToHalfOpen = automaticTransitionToHalfOpen;
            return this;
        }

        /**
         * @throws IllegalStateException when {@code minimumNumberOfCalls} exceeds {@code slidingWindowSize} (the
         *     window never holds that many calls)
         */
        public ResilienceSettings build() {
            if (minimumNumberOfCalls > slidingWindowSize) {
                throw new IllegalStateException("minimumNumberOfCalls (" + minimumNumberOfCalls
                        + ") must not exceed slidingWindowSize (" + slidingWindowSize + ")");
            }
            return new ResilienceSettings(
                    maxAttempts,
                    initialBackoff,
                    backoffMultiplier,
                    slidingWindowSize,
                    minimumNumberOfCalls,
                    failureRateThreshold,
                    waitInOpenState,
                    permittedCallsInHalfOpenState,
                    automaticTransitionToHalfOpen);
        }
    }
}

package io.msbmcp.wrapper.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The HTTP timeouts of the Microsandbox client. Each call gets a whole-call timeout sized to it; there is no separate
 * read timeout, because a run may legitimately send nothing for as long as its own timeout.
 *
 * <ul>
 *   <li>{@code sandbox.start}: {@code MSB_SANDBOX_START_TIMEOUT} + {@link #margin()};
 *   <li>{@code sandbox.repl.run} / {@code sandbox.command.run}: the run's {@code timeout} (or
 *       {@code MSB_EXECUTION_TIMEOUT} when it has none) + {@link #margin()};
 *   <li>{@code sandbox.stop} / {@code sandbox.metrics.get}: {@link #callTimeout()};
 *   <li>{@code GET /api/v1/health}: {@link #healthTimeout()}.
 * </ul>
 *
 * @param connectTimeout time to open a TCP connection (default 5 s)
 * @param healthTimeout whole-call timeout of the health check (default 5 s)
 * @param callTimeout whole-call timeout of stop and metrics (default 30 s)
 * @param margin added to the server-side timeout of start and runs, so the server answers first (default 30 s)
 */
public record ClientTimeouts(Duration connectTimeout, Duration healthTimeout, Duration callTimeout, Duration margin) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MARGIN = Duration.ofSeconds(30);

    public ClientTimeouts {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(healthTimeout, "healthTimeout");
        requirePositive(callTimeout, "callTimeout");
        requireNonNull(margin, "margin");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("margin must not be negative, was " + margin);
        }
    }

    /** 5 s connect, 5 s health, 30 s stop/metrics, 30 s margin on start and runs. */
    public static ClientTimeouts defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }

    /** Builds {@link ClientTimeouts}; unset values take the defaults. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Duration margin = DEFAULT_MARGIN;

        private Builder() {}

        public Builder connectTimeout(Duration connectTimeout) {
            requirePositive(connectTimeout, "connectTimeout");
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder healthTimeout(Duration healthTimeout) {
            requirePositive(healthTimeout, "healthTimeout");
            this.healthTimeout = healthTimeout;
            return this;
        }

        public Builder callTimeout(Duration callTimeout) {
            requirePositive(callTimeout, "callTimeout");
            this.callTimeout = callTimeout;
            return this;
        }

        public Builder margin(Duration margin) {
            requireNonNull(margin, "margin");
            if (margin.isNegative()) {
                throw new IllegalArgumentException("margin must not be negative, was " + margin);
            }
            this.margin = margin;
            return this;
        }

        public ClientTimeouts build() {
            return new ClientTimeouts(connectTimeout, healthTimeout, callTimeout, margin);
        }
    }
}

package io.msbmcp.wrapper.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.msbmcp.errors.ConfigurationException;
import io.msbmcp.errors.ConnectionException;
import io.msbmcp.wrapper.call.Cancellation;
import io.msbmcp.wrapper.call.Deadlines;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import io.msbmcp.wrapper.model.MetricsParams;
import io.msbmcp.wrapper.model.MetricsResult;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.model.SandboxConfig;
import io.msbmcp.wrapper.model.SandboxRef;
import io.msbmcp.wrapper.model.SandboxStartParams;
import io.msbmcp.wrapper.model.SandboxStatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legacy Microsandbox API over OkHttp, without retries or breaker ({@link ResilientMicrosandboxClient} adds them).
 *
 * <p>Every RPC is {@code POST {serverUrl}/api/v1/rpc} with {@code {"jsonrpc":"2.0","method","params","id":<uuid4>}},
 * {@code Content-Type: application/json}, {@code Accept: application/json} and, only when a key is configured,
 * {@code Authorization: Bearer <key>}. Each call has a whole-call timeout sized to it (see {@link ClientTimeouts}), kept by {@link Deadlines}; the
 * shared client has no read or write timeout of its own. OkHttp's silent retry on connection failure and redirects are
 * off, so a run is sent at most once. Answers are read by {@link RpcResponseReader}.
 *
 * <p>Servers before v0.2.2 answer {@code -32601} to {@code sandbox.metrics.get} and {@code sandbox.command.run}; the
 * client then sends the same call once as {@code sandbox.getStatus} / {@code sandbox.command.execute} and remembers
 * which name worked.
 *
 * <p>The API key is held only inside the {@code Authorization} header value; it is never logged, put in an exception
 * or shown by {@link #toString()}.
 */
final class OkHttpMicrosandboxClient implements MicrosandboxClient {
    private static final Logger logger = LoggerFactory.getLogger(OkHttpMicrosandboxClient.class);

    static final String HEALTH = "health";
    static final String START = "sandbox.start";
    static final String STOP = "sandbox.stop";
    static final String METRICS = "sandbox.metrics.get";
    static final String METRICS_BEFORE_0_2_2 = "sandbox.getStatus";
    static final String REPL_RUN = "sandbox.repl.run";
    static final String COMMAND_RUN = "sandbox.command.run";
    static final String COMMAND_RUN_BEFORE_0_2_2 = "sandbox.command.execute";

    /** JSON-RPC "method not found": an older or newer server that knows the other name. */
    static final int METHOD_NOT_FOUND = -32601;

    private static final MediaType JSON = requireNonNull(MediaType.parse("application/json"));
    /** Longest run timeout honoured when sizing the HTTP timeout (keeps the arithmetic far from overflow). */
    /**
     * How long an idle backend connection is kept: under 10 s, because before a POST on a connection idle for longer
     * OkHttp checks it with a read that waits 1 ms for a timeout (a millisecond added to the call, a thrown
     * exception, and the JIT's compiled read path thrown away for it); a new connection to the backend costs less. The
     * pool's sweeper closes it within milliseconds of this age, so none is ever reused at 10 s.
     */
    static final Duration CONNECTION_KEEP_ALIVE = Duration.ofSeconds(9);

    private static final long MAX_RUN_TIMEOUT_SECONDS = TimeUnit.DAYS.toSeconds(7);

    private final OkHttpClient http;
    private final HttpUrl rpcUrl;
    private final HttpUrl healthUrl;
    private final @Nullable String authorization;
    private final String serverUrl;
    private final String namespace;
    private final Duration startTimeout;
    private final Duration defaultRunTimeout;
    private final ClientTimeouts timeouts;
    private final ObjectMapper mapper;
    private final RpcResponseReader reader;
    private final Deadlines<Call> deadlines = new Deadlines<>("msb-call-deadlines", Call::cancel);
    private final AtomicBoolean metricsBefore022 = new AtomicBoolean();
    private final AtomicBoolean commandBefore022 = new AtomicBoolean();

    OkHttpMicrosandboxClient(WrapperConfig config, ClientTimeouts timeouts) {
        this.serverUrl = config.serverUrlForDisplay();
        HttpUrl base = HttpUrl.parse(config.serverUrl().toString());
        if (base == null) {
            throw ConfigurationException.invalidValue(
                    "MSB_SERVER_URL", "must be an http:// or https:// URL such as http://127.0.0.1:5555");
        }
        this.rpcUrl = base.newBuilder().addPathSegments("api/v1/rpc").build();
        this.healthUrl = base.newBuilder().addPathSegments("api/v1/health").build();
        String apiKey = config.apiKey();
        this.authorization = apiKey == null || apiKey.isEmpty() ? null : "Bearer " + apiKey;
        this.namespace = config.namespace();
        this.timeouts = timeouts;
        this.startTimeout = config.sandboxStartTimeout().plus(timeouts.margin());
        this.defaultRunTimeout = config.executionTimeout();
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.reader = new RpcResponseReader(mapper, serverUrl, authorization != null);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeouts.connectTimeout())
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionPool(QuietConnectionPool.create(idleConnections(config), CONNECTION_KEEP_ALIVE))
                .socketFactory(new NoDelaySockets())
                .connectionSpecs(connectionSpecs(base))
                .build();
    }

    /**
     * Plain HTTP only for an {@code http://} server (the usual loopback one): a client without a TLS connection spec
     * skips building its TLS context, and with it loading the JDK's trusted certificates, which took about a tenth of
     * a second of every start. An {@code https://} server gets OkHttp's default specs.
     */
    static List<ConnectionSpec> connectionSpecs(HttpUrl server) {
        return server.isHttps()
                ? List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT)
                : List.of(ConnectionSpec.CLEARTEXT);
    }

    /**
     * How many idle connections the pool keeps: one per session that may run at once ({@code MSB_MAX_SESSIONS}; calls
     * on one session run one at a time) plus the sandbox stops, sweeps and health checks running beside them, so that
     * a steady load never opens a new connection per call. Idle connections close after {@link #CONNECTION_KEEP_ALIVE}.
     */
    static int idleConnections(WrapperConfig config) {
        return config.maxSessions() + 8;
    }

    @Override
    public void health() {
        Request request = new Request.Builder()
                .url(healthUrl)
                .header("Accept", "application/json")
                .get()
                .build();
        reader.health(HEALTH, execute(HEALTH, null, request, timeouts.healthTimeout()));
    }

    @Override
    public String startSandbox(String namespace, String sandbox, SandboxConfig config) {
        JsonNode result =
                rpc(START, namespace, sandbox, new SandboxStartParams(sandbox, namespace, config), startTimeout);
        if (result.isNull()) {
            throw reader.unexpected(START, 200);
        }
        return result.isTextual() ? result.asText() : result.toString();
    }

    @Override
    public void stopSandbox(String namespace, String sandbox) {
        rpc(STOP, namespace, sandbox, new SandboxRef(sandbox, namespace), timeouts.callTimeout());
    }

    @Override
    public List<SandboxStatus> metrics(String namespace, @Nullable String sandbox) {
        MetricsParams params = new MetricsParams(namespace, sandbox);
        return withFallback(metricsBefore022, METRICS, METRICS_BEFORE_0_2_2, method -> {
                    JsonNode result = rpc(method, namespace, sandbox, params, timeouts.callTimeout());
                    return reader.convert(method, result, MetricsResult.class);
                })
                .list();
    }

    @Override
    public ReplRunResult runRepl(ReplRunParams params) {
        return runRepl(params, new Cancellation());
    }

    @Override
    public ReplRunResult runRepl(ReplRunParams params, Cancellation abort) {
        JsonNode result =
                rpc(REPL_RUN, params.namespace(), params.sandbox(), params, runTimeout(params.timeout()), abort);
        return reader.convert(REPL_RUN, result, ReplRunResult.class);
    }

    @Override
    public CommandRunResult runCommand(CommandRunParams params) {
        return runCommand(params, new Cancellation());
    }

    @Override
    public CommandRunResult runCommand(CommandRunParams params, Cancellation abort) {
        Duration timeout = runTimeout(params.timeout());
        return withFallback(commandBefore022, COMMAND_RUN, COMMAND_RUN_BEFORE_0_2_2, method -> {
            JsonNode result = rpc(method, params.namespace(), params.sandbox(), params, timeout, abort);
            return reader.convert(method, result, CommandRunResult.class);
        });
    }

    /** Connections open now, idle or in use (tests). */
    int openConnections() {
        return http.connectionPool().connectionCount();
    }

    @Override
    public void close() {
        deadlines.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "OkHttpMicrosandboxClient[serverUrl=" + serverUrl + ", namespace=" + namespace + ", apiKey="
                + (authorization == null ? "unset" : "***") + "]";
    }

    /**
     * Calls {@code current} (or {@code other}, once known to be the server's name) and, on {@code -32601}, the other
     * name once; remembers the name that the server knows. Works both ways, so a server upgraded while this client
     * runs is followed too.
     */
    private <T> T withFallback(AtomicBoolean useOther, String current, String other, Function<String, T> call) {
        boolean old = useOther.get();
        String first = old ? other : current;
        String second = old ? current : other;
        try {
            return call.apply(first);
        } catch (SandboxApiException e) {
            if (!isMethodNotFound(e)) {
                throw e;
            }
            logger.info(
                    "The Microsandbox server at '{}' does not know '{}'; trying '{}' (the name of {} servers)",
                    serverUrl,
                    first,
                    second,
                    second.equals(other) ? "pre-0.2.2" : "0.2.2+");
            try {
                T result = call.apply(second);
                useOther.set(!old);
                return result;
            } catch (SandboxApiException e2) {
                if (!isMethodNotFound(e2)) {
                    useOther.set(!old);
                }
                throw e2;
            }
        }
    }

    private static boolean isMethodNotFound(SandboxApiException e) {
        Integer code = e.errorCode();
        return e.httpStatus() == 404 && code != null && code == METHOD_NOT_FOUND;
    }

    private Duration runTimeout(@Nullable Long timeoutSeconds) {
        Duration run = timeoutSeconds == null
                ? defaultRunTimeout
                : Duration.ofSeconds(Math.max(0, Math.min(timeoutSeconds, MAX_RUN_TIMEOUT_SECONDS)));
        return run.plus(timeouts.margin());
    }

    private JsonNode rpc(String method, String namespace, @Nullable String sandbox, Object params, Duration timeout) {
        return rpc(method, namespace, sandbox, params, timeout, null);
    }

    private JsonNode rpc(
            String method,
            String namespace,
            @Nullable String sandbox,
            Object params,
            Duration timeout,
            @Nullable Cancellation abort) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new RpcRequest("2.0", method, params, requestId()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write the '" + method + "' request", e);
        }
        Request.Builder request = new Request.Builder()
                .url(rpcUrl)
                .header("Accept", "application/json")
                .post(RequestBody.create(body, JSON)); // the byte[] form keeps "application/json" without a charset
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return reader.result(method, namespace, execute(method, sandbox, request.build(), timeout, abort));
    }

    /**
     * A fresh version-4 UUID string for a request's JSON-RPC id, as the Microsandbox SDKs send. An id only pairs a
     * request with its answer, so it comes from {@link ThreadLocalRandom} rather than {@link UUID#randomUUID()}'s
     * {@code SecureRandom}, which reads {@code /dev/urandom} under a lock.
     */
    static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private HttpAnswer execute(String operation, @Nullable String sandbox, Request request, Duration timeout) {
        return execute(operation, sandbox, request, timeout, null);
    }

    private HttpAnswer execute(
            String operation,
            @Nullable String sandbox,
            Request request,
            Duration timeout,
            @Nullable Cancellation abort) {
        Call call = http.newCall(request);
        String target = sandbox == null ? "(all)" : sandbox;
        long started = System.nanoTime();
        Cancellation.@Nullable Registration registration = abort == null ? null : abort.onCancel(call::cancel);
        try (Deadlines.Watch deadline = deadlines.watch(call, timeout);
                Response response = call.execute()) {
            ResponseBody responseBody = response.body();
            byte[] body = responseBody == null ? new byte[0] : responseBody.bytes();
            logger.debug("'{}' on sandbox '{}': HTTP {} in {} ms", operation, target, response.code(), millis(started));
            return new HttpAnswer(response.code(), body);
        } catch (IOException e) {
            logger.debug(
                    "'{}' on sandbox '{}' failed after {} ms: {}", operation, target, millis(started), describe(e));
            if (abort != null && abort.isCancelled()) {
                // the caller abandoned the run; not a fault of the server, so no breaker failure either
                throw new CancellationException("'" + operation + "' on sandbox '" + target + "' was abandoned");
            }
            throw failure(operation, call, e, timeout);
        } finally {
            if (registration != null) {
                registration.close();
            }
        }
    }

    private ConnectionException failure(String operation, Call call, IOException e, Duration timeout) {
        if (call.isCanceled()) {
            // besides an abort (handled before), only the whole-call deadline cancels a call
            return ConnectionException.timedOut(serverUrl, operation, timeout);
        }
        if (e instanceof SocketTimeoutException) {
            // the shared client has no read or write timeout, so this is the connect timeout
            return ConnectionException.unreachable(
                    serverUrl,
                    operation,
                    "no connection within " + timeouts.connectTimeout().toMillis() + " ms");
        }
        if (e instanceof InterruptedIOException) {
            Thread.currentThread().interrupt(); // OkHttp consumed the interrupt flag; give it back
            return ConnectionException.unreachable(serverUrl, operation, "the calling thread was interrupted");
        }
        return ConnectionException.unreachable(serverUrl, operation, describe(e));
    }

    /** What went wrong, in words a caller understands, without anything secret. */
    private String describe(IOException e) {
        String text = ConnectionFailures.describe(e);
        if (authorization != null) {
            text = text.replace(authorization.substring("Bearer ".length()), "***");
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static long millis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** The JSON-RPC 2.0 request envelope. */
    @JsonPropertyOrder({"jsonrpc", "method", "params", "id"})
    record RpcRequest(
            @JsonProperty("jsonrpc") String jsonrpc,
            @JsonProperty("method") String method,
            @JsonProperty("params") Object params,
            @JsonProperty("id") String id) {}
}

package io.msbmcp.wrapper.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.msbmcp.wrapper.client.Fixtures.API_KEY;
import static io.msbmcp.wrapper.client.Fixtures.HEALTH_PATH;
import static io.msbmcp.wrapper.client.Fixtures.METRICS_RESULT;
import static io.msbmcp.wrapper.client.Fixtures.NAMESPACE;
import static io.msbmcp.wrapper.client.Fixtures.RESILIENCE;
import static io.msbmcp.wrapper.client.Fixtures.SANDBOX;
import static io.msbmcp.wrapper.client.Fixtures.TIMEOUTS;
import static io.msbmcp.wrapper.client.Fixtures.json;
import static io.msbmcp.wrapper.client.Fixtures.methodNotFound;
import static io.msbmcp.wrapper.client.Fixtures.result;
import static io.msbmcp.wrapper.client.Fixtures.rpc;
import static io.msbmcp.wrapper.client.Fixtures.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.msbmcp.errors.MsbException;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.SandboxConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The API key goes on the wire and nowhere else: not in any log line at any level (ours, Resilience4j's, OkHttp's),
 * not in any exception message, {@code toString()}, context or recovery suggestion, not in the clients' {@code
 * toString()}.
 */
@Timeout(15)
final class ApiKeySecrecyTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /** The key, and each of its parts on its own (a partial leak is a leak). */
    private static final List<String> SECRETS = List.of(
            API_KEY,
            API_KEY.substring("msb_".length()),
            "eyJzZWNyZXQiOiJMRUFLQ0FOQVJZIn0",
            "S1gNaTuRe-zQx9",
            "LEAKCANARY");

    private static final List<String> LOGBACK_LOGGERS = List.of("io.msbmcp", "io.github.resilience4j", "okhttp3");

    private static final ReplRunParams REPL = new ReplRunParams(SANDBOX, NAMESPACE, "python", "print(1)", null);
    private static final CommandRunParams LS = new CommandRunParams(SANDBOX, NAMESPACE, "ls", List.of(), null);
    private static final SandboxConfig PYTHON = new SandboxConfig("microsandbox/python", 1024, 1, List.of());

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<LogRecord> julRecords = new CopyOnWriteArrayList<>();
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julRecords.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final java.util.logging.Logger okhttpJul = java.util.logging.Logger.getLogger("okhttp3");
    private final List<Level> savedLevels = new ArrayList<>();
    private java.util.logging.Level savedJulLevel = java.util.logging.Level.INFO;

    @BeforeEach
    void captureEveryLogLine() {
        appender.start();
        for (String name : LOGBACK_LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            savedLevels.add(logger.getLevel());
            logger.setLevel(Level.TRACE);
            logger.setAdditive(false);
            logger.addAppender(appender);
        }
        savedJulLevel = okhttpJul.getLevel();
        okhttpJul.setLevel(java.util.logging.Level.ALL);
        okhttpJul.addHandler(julHandler);
    }

    @AfterEach
    void restoreLogging() {
        for (int i = 0; i < LOGBACK_LOGGERS.size(); i++) {
            Logger logger = (Logger) LoggerFactory.getLogger(LOGBACK_LOGGERS.get(i));
            logger.detachAppender(appender);
            logger.setAdditive(true);
            logger.setLevel(savedLevels.get(i));
        }
        okhttpJul.removeHandler(julHandler);
        okhttpJul.setLevel(savedJulLevel);
        appender.stop();
    }

    @Test
    void apiKey_everyOutcome_neverLeavesTheWire() {
        WrapperConfig config = Fixtures.config(server)
                .apiKey(API_KEY)
                .sandboxStartTimeout(Duration.ofMillis(100))
                .build();
        ClientTimeouts timeouts =
                ClientTimeouts.builder().margin(Duration.ofMillis(50)).build();
        List<Throwable> thrown = new ArrayList<>();
        List<String> clientStrings = new ArrayList<>();
        server.stubFor(rpc("sandbox.start").willReturn(result("\"started\"").withFixedDelay(600)));
        server.stubFor(rpc("sandbox.stop").willReturn(serverError()));
        server.stubFor(rpc("sandbox.metrics.get").willReturn(methodNotFound("sandbox.metrics.get")));
        server.stubFor(rpc("sandbox.getStatus").willReturn(result(METRICS_RESULT)));
        server.stubFor(
                rpc("sandbox.repl.run").willReturn(json(401, "{\"error\":\"Invalid credentials\",\"code\":1001}")));
        server.stubFor(rpc("sandbox.command.run").willReturn(json(403, "{\"error\":\"Access denied\",\"code\":3001}")));
        server.stubFor(get(urlEqualTo(HEALTH_PATH))
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));

        try (MicrosandboxClient client = MicrosandboxClients.create(config, timeouts, RESILIENCE)) {
            clientStrings.add(client.toString());
            thrown.add(catchThrowable(() -> client.startSandbox(NAMESPACE, SANDBOX, PYTHON)));
            thrown.add(catchThrowable(() -> client.stopSandbox(NAMESPACE, SANDBOX)));
            client.metrics(NAMESPACE, SANDBOX);
            thrown.add(catchThrowable(() -> client.runRepl(REPL)));
            thrown.add(catchThrowable(() -> client.runCommand(LS)));
            thrown.add(catchThrowable(client::health));
            server.stubFor(rpc("sandbox.repl.run").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            for (int i = 0; i < RESILIENCE.minimumNumberOfCalls(); i++) {
                thrown.add(catchThrowable(() -> client.runRepl(REPL)));
            }
            thrown.add(catchThrowable(() -> client.runRepl(REPL)));
            clientStrings.add(client.toString());
        }
        WrapperConfig unreachable = config.toBuilder()
                .serverUrl("http://127.0.0.1:" + Fixtures.closedPort())
                .build();
        try (MicrosandboxClient client = MicrosandboxClients.create(unreachable, TIMEOUTS, RESILIENCE)) {
            thrown.add(catchThrowable(() -> client.runCommand(LS)));
        }

        assertThat(server.getAllServeEvents())
                .filteredOn(event -> event.getRequest().getUrl().equals(Fixtures.RPC_PATH))
                .hasSizeGreaterThan(5)
                .allSatisfy(event -> assertThat(event.getRequest().getHeader("Authorization"))
                        .isEqualTo("Bearer " + API_KEY));
        assertThat(thrown).hasSize(11).doesNotContainNull();
        assertThat(thrown).allSatisfy(ApiKeySecrecyTest::assertNoSecretIn);
        assertThat(clientStrings).allSatisfy(text -> {
            assertThat(text).contains("apiKey=***");
            assertNoSecret(text);
        });
        assertThat(appender.list)
                .as("the capture sees DEBUG lines of the client and WARN lines of the decorator")
                .anyMatch(event ->
                        event.getLevel() == Level.DEBUG && event.getLoggerName().endsWith("OkHttpMicrosandboxClient"))
                .anyMatch(event -> event.getLevel() == Level.WARN
                        && event.getLoggerName().endsWith("ResilientMicrosandboxClient"));
        assertThat(appender.list).allSatisfy(event -> {
            assertNoSecret(event.getFormattedMessage());
            assertNoSecret(String.valueOf(event.getMDCPropertyMap()));
            if (event.getThrowableProxy() != null) {
                assertNoSecret(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        });
        assertThat(julRecords).allSatisfy(record -> {
            assertNoSecret(new java.util.logging.SimpleFormatter().formatMessage(record));
            if (record.getThrown() != null) {
                assertNoSecretIn(record.getThrown());
            }
        });
    }

    @Test
    void toString_clientsAndConfig_hideTheKey() {
        WrapperConfig config = Fixtures.config(server).apiKey(API_KEY).build();

        try (MicrosandboxClient client = MicrosandboxClients.create(config)) {
            assertNoSecret(client.toString());
        }
        assertNoSecret(config.toString());
    }

    private static void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertNoSecret(t.toString());
            assertNoSecret(String.valueOf(t.getMessage()));
            if (t instanceof MsbException msb) {
                assertNoSecret(msb.errorData().toString());
                assertNoSecret(msb.context().toString());
                assertNoSecret(msb.recoverySuggestions().toString());
            }
        }
    }

    private static void assertNoSecret(String text) {
        for (String secret : SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
    }
}

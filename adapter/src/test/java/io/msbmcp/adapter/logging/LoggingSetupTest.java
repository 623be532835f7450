package io.msbmcp.adapter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msbmcp.adapter.config.LogFormat;
import io.msbmcp.adapter.config.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MCP_LOG_FORMAT and MCP_LOG_LEVEL applied to Logback at startup. */
@Timeout(10)
final class LoggingSetupTest {
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final Logger logger = LoggerFactory.getLogger("io.msbmcp.adapter.tool.Tools");

    @AfterEach
    void restore() throws Exception {
        System.setErr(originalErr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private String configureAndLog(LogLevel level, LogFormat format) {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggingSetup.configure(level, format);
        logger.atInfo()
                .addKeyValue("tool", "execute_code")
                .addKeyValue("duration_ms", 12)
                .log("tool call {} {} in {} ms", "execute_code", "success", 12);
        logger.debug("a debug line");
        LoggingSetup.shutdown(); // writes the queued events
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void json_writesOneObjectPerLineWithKeyValues() throws Exception {
        String output = configureAndLog(LogLevel.INFO, LogFormat.JSON);

        assertThat(output.lines()).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(output.lines().findFirst().orElseThrow());
        assertThat(event.get("level").asText()).isEqualTo("INFO");
        assertThat(event.get("logger_name").asText()).isEqualTo("io.msbmcp.adapter.tool.Tools");
        assertThat(event.get("message").asText()).isEqualTo("tool call execute_code success in 12 ms");
        assertThat(event.get("@timestamp").asText()).isNotBlank();
        assertThat(event.get("tool").asText()).isEqualTo("execute_code");
        assertThat(event.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(event.get("duration_ms").asInt()).isEqualTo(12);
    }

    @Test
    void text_writesReadableLinesWithKeyValues() {
        String output = configureAndLog(LogLevel.INFO, LogFormat.TEXT);

        assertThat(output.lines())
                .singleElement()
                .asString()
                .contains("INFO", "Tools - tool call execute_code success in 12 ms", "tool=\"execute_code\"");
    }

    @Test
    void text_lineWithoutKeyValues_hasNoTrailingSpace() {
        String output = configureAndLog(LogLevel.DEBUG, LogFormat.TEXT);

        assertThat(output.lines().filter(line -> line.contains("a debug line")))
                .singleElement()
                .asString()
                .endsWith("a debug line");
    }

    @Test
    void debugLevel_letsDebugThrough() {
        String output = configureAndLog(LogLevel.DEBUG, LogFormat.TEXT);

        assertThat(output).contains("a debug line");
    }

    @Test
    void burstLargerThanTheQueue_everyEventIsWritten_inOrder() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggingSetup.configure(LogLevel.INFO, LogFormat.TEXT);
        int events = LoggingSetup.QUEUE_SIZE * 3;

        for (int i = 0; i < events; i++) {
            logger.atInfo().addKeyValue("n", i).log("tool call {}", i);
        }
        LoggingSetup.shutdown();

        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(events);
        assertThat(lines.get(0)).contains("tool call 0 n=\"0\"");
        assertThat(lines.get(events - 1)).contains("tool call " + (events - 1));
    }

    @Test
    void asyncWriting_keepsTheNameOfTheLoggingThread() throws Exception {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggingSetup.configure(LogLevel.INFO, LogFormat.JSON);

        logger.info("one event");
        LoggingSetup.shutdown();

        JsonNode event = new ObjectMapper().readTree(captured.toString(StandardCharsets.UTF_8));
        assertThat(event.get("thread_name").asText())
                .isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void errorLevel_dropsInfo() {
        String output = configureAndLog(LogLevel.ERROR, LogFormat.TEXT);

        assertThat(output).isEmpty();
    }

    @Test
    void mutableArgument_isFormattedWhenLogged_notWhenWritten() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggingSetup.configure(LogLevel.INFO, LogFormat.TEXT);
        StringBuilder state = new StringBuilder("before");

        logger.info("state {}", state);
        state.setLength(0);
        state.append("after");
        LoggingSetup.shutdown();

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("state before")
                .doesNotContain("after");
    }

    @Test
    void immutableArguments_onlyValuesThatCannotChange() {
        assertThat(BatchingAsyncAppender.immutableArguments(null)).isTrue();
        assertThat(BatchingAsyncAppender.immutableArguments(new Object[] {"a", 1, 2L, 0.5, true, LogLevel.INFO, null}))
                .isTrue();
        assertThat(BatchingAsyncAppender.immutableArguments(new Object[] {"a", new StringBuilder()}))
                .isFalse();
        assertThat(BatchingAsyncAppender.immutableArguments(
                        new Object[] {new java.util.concurrent.atomic.AtomicLong()}))
                .isFalse();
    }
}

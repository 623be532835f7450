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
    void errorLevel_dropsInfo() {
        String output = configureAndLog(LogLevel.ERROR, LogFormat.TEXT);

        assertThat(output).isEmpty();
    }
}

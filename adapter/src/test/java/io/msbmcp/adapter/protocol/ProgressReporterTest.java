package io.msbmcp.adapter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.msbmcp.adapter.testing.Http;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress notifications of one call, driven by a fake clock: phases at once, the current phase every interval. */
final class ProgressReporterTest {
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private ProgressReporter reporter(boolean failWrites, Runnable onBroken) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                if (failWrites) {
                    throw new java.io.IOException("Broken pipe");
                }
                written.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getOutputStream")) {
                        return out;
                    }
                    return null;
                });
        ObjectMapper mapper = new ObjectMapper();
        return new ProgressReporter(
                new SseResponse(response, mapper, onBroken),
                mapper,
                new TextNode("tok"),
                Duration.ofSeconds(10),
                nanos::get);
    }

    private List<JsonNode> events() {
        return new Http.Response(200, null, written.toString(StandardCharsets.UTF_8)).sseData();
    }

    private void advanceSeconds(long seconds) {
        nanos.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void phases_areSentAtOnce_andRepeatedEveryIntervalWithTheirElapsedTime() {
        ProgressReporter reporter = reporter(false, () -> {});

        reporter.start();
        reporter.phase("starting sandbox");
        advanceSeconds(3);
        reporter.phase("running");
        for (int second = 0; second < 40; second++) {
            advanceSeconds(1);
            reporter.tick();
        }

        List<String> messages = events().stream()
                .map(e -> e.get("params").get("message").asText())
                .toList();
        assertThat(messages)
                .containsExactly(
                        "working",
                        "starting sandbox",
                        "running",
                        "running, 10 s",
                        "running, 20 s",
                        "running, 30 s",
                        "running, 40 s");
        assertThat(events().stream().map(e -> e.get("params").get("progress").asLong()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(events())
                .allSatisfy(e -> assertThat(e.get("params").get("progressToken").asText())
                        .isEqualTo("tok"));
        assertThat(written.toString(StandardCharsets.UTF_8)).contains(": keep-alive");
    }

    @Test
    void afterStop_nothingIsSent() {
        ProgressReporter reporter = reporter(false, () -> {});
        reporter.start();

        reporter.stop();
        reporter.phase("running");
        advanceSeconds(30);
        reporter.tick();

        assertThat(events()).hasSize(1);
    }

    @Test
    void failedWrite_runsTheBrokenStreamActionOnce() {
        AtomicLong broken = new AtomicLong();
        ProgressReporter reporter = reporter(true, broken::incrementAndGet);

        reporter.start();
        reporter.tick();
        reporter.phase("running");

        assertThat(broken.get()).isEqualTo(1);
    }
}

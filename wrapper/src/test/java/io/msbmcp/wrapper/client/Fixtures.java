package io.msbmcp.wrapper.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** Shared test values: WireMock stubs for the legacy API, small timeouts and settings, request inspection. */
final class Fixtures {
    static final String RPC_PATH = "/api/v1/rpc";
    static final String HEALTH_PATH = "/api/v1/health";
    static final String NAMESPACE = "msb-mcp";
    static final String SANDBOX = "session-abc";

    /** An API key with distinctive parts, so a leak of any part is found. */
    static final String API_KEY = "msb_eyJhbGciOiJIUzI1NiJ9.eyJzZWNyZXQiOiJMRUFLQ0FOQVJZIn0.S1gNaTuRe-zQx9";

    static final ObjectMapper JSON = new ObjectMapper();

    /** Timeouts small enough to wait out in a test, large enough for a loaded 2-core machine. */
    static final ClientTimeouts TIMEOUTS = ClientTimeouts.builder()
            .connectTimeout(Duration.ofSeconds(2))
            .healthTimeout(Duration.ofSeconds(2))
            .callTimeout(Duration.ofSeconds(3))
            .margin(Duration.ofSeconds(3))
            .build();

    /** Retries after 1 ms then 2 ms; the breaker opens after 4 calls at 50 % and half-opens after 150 ms. */
    static final ResilienceSettings RESILIENCE = ResilienceSettings.builder()
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(1))
            .backoffMultiplier(2)
            .slidingWindowSize(4)
            .minimumNumberOfCalls(4)
            .failureRateThreshold(50)
            .waitInOpenState(Duration.ofMillis(150))
            .permittedCallsInHalfOpenState(2)
            .automaticTransitionToHalfOpen(true)
            .build();

    private Fixtures() {}

    static WrapperConfig.Builder config(WireMockExtension server) {
        return WrapperConfig.builder().serverUrl(server.baseUrl()).namespace(NAMESPACE);
    }

    static MappingBuilder rpc(String method) {
        return post(urlPathEqualTo(RPC_PATH)).withRequestBody(matchingJsonPath("$.method", equalTo(method)));
    }

    static ResponseDefinitionBuilder result(String resultJson) {
        return json(200, "{\"jsonrpc\":\"2.0\",\"result\":" + resultJson + ",\"id\":\"1\"}");
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    static ResponseDefinitionBuilder serverError() {
        return json(500, "{\"error\":\"Internal server error\",\"code\":5002}");
    }

    static ResponseDefinitionBuilder methodNotFound(String method) {
        return json(
                404,
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"Method not found: " + method
                        + "\"},\"id\":\"1\"}");
    }

    static final String METRICS_RESULT = "{\"sandboxes\":[{\"namespace\":\"msb-mcp\",\"name\":\"session-abc\","
            + "\"running\":true,\"cpu_usage\":1.5,\"memory_usage\":312,\"disk_usage\":48213504}]}";

    static final String COMMAND_RESULT = "{\"command\":\"ls\",\"args\":[\"-la\"],\"exit_code\":0,\"success\":true,"
            + "\"output\":[{\"stream\":\"stdout\",\"text\":\"total 4\"}]}";

    static final String REPL_RESULT = "{\"status\":\"success\",\"language\":\"python\","
            + "\"output\":[{\"stream\":\"stdout\",\"text\":\"hello\"}]}";

    /** The requests WireMock received, oldest first (its journal lists the newest first). */
    static List<ServeEvent> served(WireMockExtension server) {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    /** The JSON body of the single request WireMock received. */
    static JsonNode onlyBody(WireMockExtension server) {
        List<ServeEvent> events = server.getAllServeEvents();
        if (events.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + events.size());
        }
        return body(events.get(0));
    }

    static JsonNode body(ServeEvent event) {
        try {
            return JSON.readTree(event.getRequest().getBodyAsString());
        } catch (JsonProcessingException e) {
            throw new AssertionError(
                    "request body is not JSON: " + event.getRequest().getBodyAsString(), e);
        }
    }

    static long requestsFor(WireMockExtension server, String method) {
        return server.getAllServeEvents().stream()
                .filter(e -> method.equals(body(e).path("method").asText(null)))
                .count();
    }

    /** A loopback port nothing listens on (bound, then released). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} every 5 ms until it holds or {@code limit} passes. */
    static void awaitTrue(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit);
            }
            Thread.sleep(5);
        }
    }

    static @Nullable String header(ServeEvent event, String name) {
        return event.getRequest().containsHeader(name) ? event.getRequest().getHeader(name) : null;
    }
}

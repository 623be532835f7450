package io.msbmcp.adapter.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;

/**
 * A WireMock server playing the legacy Microsandbox API with the reference's exact wire shapes
 * (reference/microsandbox-legacy-api.md): health, and JSON-RPC at {@code /api/v1/rpc} with results wrapped in {@code
 * {"jsonrpc":"2.0","result":…,"id":…}} and failures as plain {@code {"error":…,"code":…}} bodies.
 */
public final class Backend {
    public static final String RPC_PATH = "/api/v1/rpc";
    public static final String HEALTH_PATH = "/api/v1/health";

    private Backend() {}

    /**
     * A per-class extension on a dynamic port with enough threads for the concurrency test. Stubs are kept between
     * tests (set them up once in {@code @BeforeAll}); a test that needs another answer adds a newer stub, which wins.
     */
    public static WireMockExtension extension() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig()
                        .dynamicPort()
                        .bindAddress("127.0.0.1")
                        .containerThreads(450)
                        .asynchronousResponseEnabled(true)
                        .asynchronousResponseThreads(20))
                .resetOnEachTest(false)
                .build();
    }

    /** A healthy server: health, start, stop and metrics answer, and runs print {@code hello}. */
    public static void healthy(WireMockExtension server) {
        server.stubFor(get(urlEqualTo(HEALTH_PATH)).willReturn(json(200, "{\"message\":\"Service is healthy\"}")));
        server.stubFor(rpc("sandbox.start").willReturn(result("\"Sandbox started successfully\"")));
        server.stubFor(rpc("sandbox.stop").willReturn(result("\"Sandbox stopped successfully\"")));
        server.stubFor(rpc("sandbox.metrics.get").willReturn(result("{\"sandboxes\":[]}")));
        server.stubFor(rpc("sandbox.repl.run").willReturn(replOutput(stdout("hello"))));
        server.stubFor(rpc("sandbox.command.run").willReturn(commandOutput(0, stdout("hello"))));
    }

    public static MappingBuilder rpc(String method) {
        return post(urlPathEqualTo(RPC_PATH)).withRequestBody(matchingJsonPath("$.method", equalTo(method)));
    }

    public static ResponseDefinitionBuilder result(String resultJson) {
        return json(200, "{\"jsonrpc\":\"2.0\",\"result\":" + resultJson + ",\"id\":\"1\"}");
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    /** The legacy server's masked internal error. */
    public static ResponseDefinitionBuilder serverError() {
        return json(500, "{\"error\":\"Internal server error\",\"code\":5002}");
    }

    /** A {@code sandbox.repl.run} result with the given output items. */
    public static ResponseDefinitionBuilder replOutput(String... items) {
        return result("{\"status\":\"success\",\"language\":\"python\",\"output\":[" + String.join(",", items) + "]}");
    }

    /**
     * A {@code sandbox.repl.run} result for code that raised: a traceback on stderr, then the wrapper's per-call
     * failure mark on stdout, as the Python runner prints it: {@code __msb_failed_} and the run id, the runner's second
     * argument (copied from the request by response templating).
     */
    public static ResponseDefinitionBuilder replRaised(String errorLine) {
        return replOutput(
                        stderr("Traceback (most recent call last):"),
                        stderr(errorLine),
                        "{\"stream\":\"stdout\",\"text\":\"{{regexExtract request.body"
                                + " '[(].[A-Za-z0-9+/=]*., .([0-9a-f]+)[^A-Za-z0-9+/=]' 'run'}}__msb_failed_{{run.0}}\"}")
                .withTransformers("response-template");
    }

    /** A {@code sandbox.command.run} result. */
    public static ResponseDefinitionBuilder commandOutput(int exitCode, String... items) {
        return result("{\"command\":\"sh\",\"args\":[\"-c\",\"x\"],\"exit_code\":" + exitCode + ",\"success\":"
                + (exitCode == 0) + ",\"output\":[" + String.join(",", items) + "]}");
    }

    public static String stdout(String text) {
        return "{\"stream\":\"stdout\",\"text\":\"" + text + "\"}";
    }

    public static String stderr(String text) {
        return "{\"stream\":\"stderr\",\"text\":\"" + text + "\"}";
    }

    /** The RPC requests of one method WireMock received. */
    public static List<ServeEvent> calls(WireMockExtension server, String method) {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(RPC_PATH))
                .filter(e -> e.getRequest().getBodyAsString().contains("\"method\":\"" + method + "\""))
                .toList();
    }
}

package io.msbmcp.wrapper.client;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.msbmcp.wrapper.client.Fixtures.API_KEY;
import static io.msbmcp.wrapper.client.Fixtures.COMMAND_RESULT;
import static io.msbmcp.wrapper.client.Fixtures.HEALTH_PATH;
import static io.msbmcp.wrapper.client.Fixtures.METRICS_RESULT;
import static io.msbmcp.wrapper.client.Fixtures.NAMESPACE;
import static io.msbmcp.wrapper.client.Fixtures.REPL_RESULT;
import static io.msbmcp.wrapper.client.Fixtures.RPC_PATH;
import static io.msbmcp.wrapper.client.Fixtures.SANDBOX;
import static io.msbmcp.wrapper.client.Fixtures.TIMEOUTS;
import static io.msbmcp.wrapper.client.Fixtures.json;
import static io.msbmcp.wrapper.client.Fixtures.onlyBody;
import static io.msbmcp.wrapper.client.Fixtures.result;
import static io.msbmcp.wrapper.client.Fixtures.rpc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.msbmcp.wrapper.config.WrapperConfig;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.SandboxConfig;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the client puts on the wire for each call: path, headers, JSON-RPC envelope and exact params. */
@Timeout(15)
final class OkHttpMicrosandboxClientRequestTest {

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private OkHttpMicrosandboxClient client = newClient(Fixtures.config(server).apiKey(API_KEY));

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static OkHttpMicrosandboxClient newClient(WrapperConfig.Builder config) {
        return new OkHttpMicrosandboxClient(config.build(), TIMEOUTS);
    }

    @Test
    void startSandbox_withVolumes_sendsImageFlavorAndVolumes() {
        server.stubFor(rpc("sandbox.start").willReturn(result("\"Sandbox session-abc started successfully\"")));

        client.startSandbox(
                NAMESPACE, SANDBOX, new SandboxConfig("microsandbox/python", 2048, 2, List.of("/srv/data:/data")));

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)).withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","method":"sandbox.start","id":"${json-unit.any-string}",
                         "params":{"sandbox":"session-abc","namespace":"msb-mcp",
                                   "config":{"image":"microsandbox/python","memory":2048,"cpus":2,
                                             "volumes":["/srv/data:/data"]}}}
                        """, true, false)));
    }

    @Test
    void startSandbox_noVolumes_leavesVolumesOut() {
        server.stubFor(rpc("sandbox.start").willReturn(result("\"Sandbox session-abc started successfully\"")));

        client.startSandbox(NAMESPACE, SANDBOX, new SandboxConfig("microsandbox/node", 1024, 1, List.of()));

        JsonNode config = onlyBody(server).path("params").path("config");
        assertThat(config.has("volumes")).isFalse();
        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)).withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","method":"sandbox.start","id":"${json-unit.any-string}",
                         "params":{"sandbox":"session-abc","namespace":"msb-mcp",
                                   "config":{"image":"microsandbox/node","memory":1024,"cpus":1}}}
                        """, true, false)));
    }

    @Test
    void stopSandbox_sendsSandboxAndNamespace() {
        server.stubFor(rpc("sandbox.stop").willReturn(result("\"Sandbox session-abc stopped successfully\"")));

        client.stopSandbox(NAMESPACE, SANDBOX);

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)).withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","method":"sandbox.stop","id":"${json-unit.any-string}",
                         "params":{"sandbox":"session-abc","namespace":"msb-mcp"}}
                        """, true, false)));
    }

    @Test
    void metrics_oneSandbox_sendsNamespaceAndSandbox() {
        server.stubFor(rpc("sandbox.metrics.get").willReturn(result(METRICS_RESULT)));

        client.metrics(NAMESPACE, SANDBOX);

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)).withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","method":"sandbox.metrics.get","id":"${json-unit.any-string}",
                         "params":{"namespace":"msb-mcp","sandbox":"session-abc"}}
                        """, true, false)));
    }

    @Test
    void metrics_wholeNamespace_leavesSandboxOut() {
        server.stubFor(rpc("sandbox.metrics.get").willReturn(result("{\"sandboxes\":[]}")));

        client.metrics(NAMESPACE, null);

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)).withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","method":"sandbox.metrics.get","id":"${json-unit.any-string}",
                         "params":{"namespace":"msb-mcp"}}
                        """, true, false)));
    }

    @Test
    void runRepl_withTimeout_sendsLanguageCodeAndTimeout() {
        server.stubFor(rpc("sandbox.repl.run").willReturn(result(REPL_RESULT)));

        client.runRepl(new ReplRunParams(SANDBOX, NAMESPACE, "python", "print('hello')", 30L));

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)).withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","method":"sandbox.repl.run","id":"${json-unit.any-string}",
                         "params":{"sandbox":"session-abc","namespace":"msb-mcp","language":"python",
                                   "code":"print('hello')","timeout":30}}
                        """, true, false)));
    }

    @Test
    void runRepl_withoutTimeout_leavesTimeoutOut() {
        server.stubFor(rpc("sandbox.repl.run").willReturn(result(REPL_RESULT)));

        client.runRepl(new ReplRunParams(SANDBOX, NAMESPACE, "nodejs", "1+1", null));

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)).withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","method":"sandbox.repl.run","id":"${json-unit.any-string}",
                         "params":{"sandbox":"session-abc","namespace":"msb-mcp","language":"nodejs","code":"1+1"}}
                        """, true, false)));
    }

    @Test
    void runCommand_withTimeout_sendsCommandArgsAndTimeout() {
        server.stubFor(rpc("sandbox.command.run").willReturn(result(COMMAND_RESULT)));

        client.runCommand(new CommandRunParams(SANDBOX, NAMESPACE, "sh", List.of("-c", "ls -la | wc -l"), 60L));

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)).withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","method":"sandbox.command.run","id":"${json-unit.any-string}",
                         "params":{"sandbox":"session-abc","namespace":"msb-mcp","command":"sh",
                                   "args":["-c","ls -la | wc -l"],"timeout":60}}
                        """, false, false)));
    }

    @Test
    void runCommand_withoutTimeoutOrArgs_sendsEmptyArgsAndNoTimeout() {
        server.stubFor(rpc("sandbox.command.run").willReturn(result(COMMAND_RESULT)));

        client.runCommand(new CommandRunParams(SANDBOX, NAMESPACE, "ls", List.of(), null));

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)).withRequestBody(equalToJson("""
                        {"jsonrpc":"2.0","method":"sandbox.command.run","id":"${json-unit.any-string}",
                         "params":{"sandbox":"session-abc","namespace":"msb-mcp","command":"ls","args":[]}}
                        """, true, false)));
    }

    @Test
    void rpc_anyCall_sendsJsonContentTypeAcceptAndBearerKey() {
        server.stubFor(rpc("sandbox.stop").willReturn(result("\"stopped\"")));

        client.stopSandbox(NAMESPACE, SANDBOX);

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
    }

    @Test
    void rpc_noApiKey_sendsNoAuthorizationHeader() {
        client.close();
        client = newClient(Fixtures.config(server).apiKey(null));
        server.stubFor(rpc("sandbox.stop").willReturn(result("\"stopped\"")));

        client.stopSandbox(NAMESPACE, SANDBOX);

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void rpc_everyCall_hasAFreshUuid4StringId() {
        server.stubFor(rpc("sandbox.stop").willReturn(result("\"stopped\"")));

        client.stopSandbox(NAMESPACE, SANDBOX);
        client.stopSandbox(NAMESPACE, SANDBOX);
        client.stopSandbox(NAMESPACE, SANDBOX);

        List<JsonNode> ids = server.getAllServeEvents().stream()
                .map(Fixtures::body)
                .map(body -> body.path("id"))
                .toList();
        assertThat(ids).hasSize(3).allSatisfy(id -> {
            assertThat(id.isTextual()).as("id %s is a JSON string", id).isTrue();
            assertThat(UUID.fromString(id.asText()).version()).isEqualTo(4);
        });
        Set<String> distinct = ids.stream().map(JsonNode::asText).collect(Collectors.toSet());
        assertThat(distinct).hasSize(3);
    }

    @Test
    void requestId_manyIds_areDistinctVersion4Uuids() {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = UUID.fromString(OkHttpMicrosandboxClient.requestId());
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            ids.add(id.toString());
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void rpc_serverUrlWithTrailingSlash_postsToRpcPath() {
        client.close();
        client = newClient(Fixtures.config(server).serverUrl(server.baseUrl() + "/"));
        server.stubFor(rpc("sandbox.stop").willReturn(result("\"stopped\"")));

        client.stopSandbox(NAMESPACE, SANDBOX);

        server.verify(postRequestedFor(urlEqualTo(RPC_PATH)));
    }

    @Test
    void health_anyConfig_getsHealthPathWithoutKey() {
        server.stubFor(get(urlEqualTo(HEALTH_PATH)).willReturn(json(200, "{\"message\":\"Service is healthy\"}")));

        client.health();

        server.verify(getRequestedFor(urlEqualTo(HEALTH_PATH))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Authorization", absent()));
        ServeEvent only = server.getAllServeEvents().get(0);
        assertThat(only.getRequest().getMethod().getName()).isEqualTo("GET");
    }
}

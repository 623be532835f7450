package io.msbmcp.wrapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.msbmcp.wrapper.config.WrapperConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole wrapper over real HTTP: what one execute_code and a shutdown put on the wire. */
@Timeout(30)
final class WrapperOverHttpTest {
    @RegisterExtension
    static WireMockExtension msb = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static String rpc(String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":" + result + "}";
    }

    @Test
    void executeCodeThenClose_sendsStartRunAndStopWithTheSessionsSandbox() {
        msb.stubFor(post(urlEqualTo("/api/v1/rpc"))
                .withRequestBody(matchingJsonPath(
                        "$.method", com.github.tomakehurst.wiremock.client.WireMock.equalTo("sandbox.start")))
                .willReturn(aResponse().withStatus(200).withBody(rpc("\"Sandbox x started successfully\""))));
        msb.stubFor(post(urlEqualTo("/api/v1/rpc"))
                .withRequestBody(matchingJsonPath(
                        "$.method", com.github.tomakehurst.wiremock.client.WireMock.equalTo("sandbox.repl.run")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody(rpc("{\"status\":\"success\",\"language\":\"python\",\"output\":"
                                + "[{\"stream\":\"stdout\",\"text\":\"hello\"}]}"))));
        msb.stubFor(post(urlEqualTo("/api/v1/rpc"))
                .withRequestBody(matchingJsonPath(
                        "$.method", com.github.tomakehurst.wiremock.client.WireMock.equalTo("sandbox.stop")))
                .willReturn(aResponse().withStatus(200).withBody(rpc("\"Sandbox x stopped successfully\""))));
        WrapperConfig config = WrapperConfig.builder()
                .serverUrl(msb.baseUrl())
                .namespace("it-ns")
                .volumeMappings(List.of(new VolumeMapping("/srv/share", "/data")))
                .build();
        MicrosandboxWrapper wrapper = MicrosandboxWrapper.create(config);

        CodeExecutionResult result = wrapper.executeCode(
                new ExecuteCodeRequest("print('hello')", Template.PYTHON, "wire-1", Flavor.MEDIUM, null, List.of()));
        wrapper.close();

        assertThat(result.stdout()).isEqualTo("hello");
        List<LoggedRequest> requests = msb.findAll(postRequestedFor(urlEqualTo("/api/v1/rpc")));
        assertThat(requests)
                .extracting(r -> r.getBodyAsString().replaceAll(".*\"method\":\"([^\"]+)\".*", "$1"))
                .containsExactly("sandbox.start", "sandbox.repl.run", "sandbox.stop");
        String sandbox = result.sessionId() + "-";
        msb.verify(postRequestedFor(urlEqualTo("/api/v1/rpc"))
                .withRequestBody(equalToJson(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.start\",\"params\":{\"sandbox\":\"${json-unit.regex}"
                                + sandbox + "[a-z0-9]{6}\",\"namespace\":\"it-ns\",\"config\":{\"image\":"
                                + "\"microsandbox/python\",\"memory\":2048,\"cpus\":2,\"volumes\":"
                                + "[\"/srv/share:/data\"]}},\"id\":\"${json-unit.any-string}\"}")));
        msb.verify(postRequestedFor(urlEqualTo("/api/v1/rpc"))
                .withRequestBody(matchingJsonPath("$.params[?(@.language == 'python' && @.timeout == 305)]")));
        msb.verify(postRequestedFor(urlEqualTo("/api/v1/rpc"))
                .withRequestBody(matchingJsonPath("$.params[?(@.namespace == 'it-ns')]"))
                .withRequestBody(matchingJsonPath(
                        "$.method", com.github.tomakehurst.wiremock.client.WireMock.equalTo("sandbox.stop"))));
    }
}

package io.msbmcp.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
final class ValidationTest {
    @RegisterExtension
    static final RunningDevServer dev = new RunningDevServer(builder -> builder.isolation(IsolationMode.NONE));

    private static void assertValidationError(RpcClient.Answer answer, String message) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json()).isEqualTo(RpcClient.MAPPER.valueToTree(Map.of("error", message, "code", 2001)));
    }

    private static RpcClient.Answer start(String namespace, String sandbox) {
        return dev.client().start(namespace, sandbox, "microsandbox/python");
    }

    @Test
    void start_emptyName_isRefused() {
        assertValidationError(start("ns", ""), "Sandbox name cannot be empty");
    }

    @Test
    void start_nameOf64Characters_isRefused() {
        assertValidationError(start("ns", "a".repeat(64)), "Sandbox name cannot exceed 63 characters");
    }

    @Test
    void start_nameWithDot_isRefused() {
        assertValidationError(
                start("ns", "a.b"), "Sandbox name can only contain alphanumeric characters, hyphens, or underscores");
    }

    @Test
    void start_nameStartingWithHyphen_isRefused() {
        assertValidationError(start("ns", "-ab"), "Sandbox name must start with an alphanumeric character");
    }

    @Test
    void start_namespaceStartingWithUnderscore_isRefused() {
        assertValidationError(start("_ns", "ok"), "Namespace must start with an alphanumeric character");
    }

    @Test
    void start_wildcardNamespace_isRefused() {
        assertValidationError(start("*", "ok"), "Wildcard namespace (*) is not valid for sandbox creation");
    }

    @Test
    void stop_wildcardNamespace_isRefused() {
        assertValidationError(dev.client().stop("*", "ok"), "Wildcard namespace (*) is not valid for sandbox creation");
    }

    @Test
    void start_floatCpus_isInvalidParams() {
        RpcClient.Answer answer = dev.client()
                .call(
                        "sandbox.start",
                        Map.of(
                                "namespace",
                                "ns",
                                "sandbox",
                                "s",
                                "config",
                                Map.of("image", "microsandbox/python", "cpus", 1.5)));

        assertValidationError(
                answer, "Invalid params for sandbox.start: invalid type: floating point `1.5`, expected u8");
    }

    @Test
    void start_missingNamespace_isInvalidParams() {
        RpcClient.Answer answer = dev.client().call("sandbox.start", Map.of("sandbox", "s"));

        assertValidationError(answer, "Invalid params for sandbox.start: missing field `namespace`");
    }

    @Test
    void start_noParams_isInvalidParams() {
        RpcClient.Answer answer = dev.client().postJson("{\"jsonrpc\":\"2.0\",\"method\":\"sandbox.stop\",\"id\":1}");

        assertValidationError(
                answer, "Invalid params for sandbox.stop: invalid type: null, expected struct SandboxStopParams");
    }

    @Test
    void start_noConfigAndNothingStored_isRefused() {
        RpcClient.Answer answer = dev.client().call("sandbox.start", Map.of("namespace", "fresh-ns", "sandbox", "s"));

        assertValidationError(answer, "No configuration provided and no existing configuration found for sandbox 's'");
    }

    @Test
    void start_noConfigAndNameNotStored_isRefused() {
        assertThat(start("stored-ns", "known").status()).isEqualTo(200);
        dev.client().stop("stored-ns", "known");

        RpcClient.Answer answer =
                dev.client().call("sandbox.start", Map.of("namespace", "stored-ns", "sandbox", "other"));

        assertValidationError(answer, "Sandbox 'other' not found in existing configuration");
    }

    @Test
    void stop_unknownNamespace_isRefused() {
        assertValidationError(dev.client().stop("no-such-ns", "s"), "Namespace directory 'no-such-ns' does not exist");
    }

    @Test
    void stop_namespaceWithoutConfiguration_isRefused() {
        dev.client().call("sandbox.start", Map.of("namespace", "empty-ns", "sandbox", "s"));

        assertValidationError(
                dev.client().stop("empty-ns", "s"), "Configuration file not found for namespace 'empty-ns'");
    }

    @Test
    void stop_nameNotConfigured_isInternalError() {
        assertThat(start("stop-ns", "present").status()).isEqualTo(200);

        RpcClient.Answer answer = dev.client().stop("stop-ns", "absent");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json())
                .isEqualTo(RpcClient.MAPPER.valueToTree(Map.of("error", "Internal server error", "code", 5002)));
        dev.client().stop("stop-ns", "present");
    }

    @Test
    void metrics_unknownNamespace_isRefused() {
        assertValidationError(dev.client().metrics("missing-ns"), "Namespace directory 'missing-ns' does not exist");
    }

    @Test
    void metrics_badSandboxName_isRefused() {
        RpcClient.Answer answer = dev.client().call("sandbox.metrics.get", Map.of("namespace", "*", "sandbox", "a b"));

        assertValidationError(answer, "Sandbox name can only contain alphanumeric characters, hyphens, or underscores");
    }

    @Test
    void repl_paramsNotAnObject_isRefused() {
        RpcClient.Answer answer = dev.client().call("sandbox.repl.run", List.of("x"));

        assertValidationError(answer, "Request parameters must be an object containing 'sandbox' and 'namespace'");
    }

    @Test
    void repl_missingSandbox_isRefused() {
        RpcClient.Answer answer = dev.client().call("sandbox.repl.run", Map.of("namespace", "ns", "code", "1"));

        assertValidationError(answer, "Missing required 'sandbox' parameter for portal request");
    }

    @Test
    void command_missingNamespace_isRefused() {
        RpcClient.Answer answer = dev.client().call("sandbox.command.run", Map.of("sandbox", "s", "command", "ls"));

        assertValidationError(answer, "Missing required 'namespace' parameter for portal request");
    }

    @Test
    void repl_sandboxNotRunning_isInternalError() {
        RpcClient.Answer answer = dev.client().repl("ns", "never-started", "python", "1");

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.json().get("code").asInt()).isEqualTo(5002);
    }

    @Test
    void command_sandboxNotRunning_isInternalError() {
        assertThat(dev.client().command("ns", "never-started", "ls", List.of()).status())
                .isEqualTo(500);
    }
}

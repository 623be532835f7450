package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dependencies} of {@code execute_code} installed with no internet (the sandboxes have no network): a wheel and
 * an npm package folder built by the test are put in the host folder mapped at {@code /shared}, and their container
 * paths are passed as dependencies. Each is installed once per session: after the installed files are deleted from
 * the sandbox, a second call with the same dependency does not bring them back.
 */
@Timeout(180)
final class DependenciesIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void dependencies_localWheel_installedOnceAndImportable() {
        McpHttp mcp = it.shared().mcp();
        Path hostDir = ItEnv.createDirectories(it.shared().volumeHostDir().resolve("wheels"));
        Path wheel = TinyPackages.pythonWheel(hostDir, "msbtinywheel", "tiny wheel works");
        String dependency = SharedStack.VOLUME_CONTAINER_PATH + "/wheels/" + wheel.getFileName();
        String session = Sessions.newId("deps-py");

        long start = System.nanoTime();
        McpResponse first = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "import os, msbtinywheel\nprint(msbtinywheel.VALUE)\n"
                                + "print(os.path.dirname(msbtinywheel.__file__))",
                        "dependencies",
                        List.of(dependency),
                        "session_id",
                        session));
        Duration firstCall = Duration.ofNanos(System.nanoTime() - start);
        assertThat(first.isError()).as(first.raw()).isFalse();
        String[] lines = first.structured().path("stdout").asText().split("\n");
        assertThat(lines[0]).isEqualTo("tiny wheel works");
        String installedDir = lines[1];
        McpResponse removed = mcp.callTool(
                "execute_command",
                Map.of("command", "rm -rf '" + installedDir + "' && echo removed", "session_id", session));
        assertThat(removed.structured().path("stdout").asText())
                .as(removed.raw())
                .isEqualTo("removed");

        start = System.nanoTime();
        McpResponse second = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "import os\nprint(os.path.isdir('" + installedDir + "'))",
                        "dependencies",
                        List.of(dependency),
                        "session_id",
                        session));
        Duration secondCall = Duration.ofNanos(System.nanoTime() - start);

        assertThat(second.isError()).as(second.raw()).isFalse();
        assertThat(second.structured().path("stdout").asText())
                .as("the second call must not install the wheel again")
                .isEqualTo("False");
        System.out.printf(
                "[it] wheel install: first call %d ms (installs), second call %d ms (does not)%n",
                firstCall.toMillis(), secondCall.toMillis());
        stop(session);
    }

    @Test
    void dependencies_localNpmPackage_installedOnceAndRequirable() {
        McpHttp mcp = it.shared().mcp();
        Path hostDir = ItEnv.createDirectories(it.shared().volumeHostDir().resolve("npm"));
        Path folder = TinyPackages.npmPackage(hostDir, "msb-tiny-npm", "tiny npm works");
        String dependency = SharedStack.VOLUME_CONTAINER_PATH + "/npm/" + folder.getFileName();
        String session = Sessions.newId("deps-node");

        McpResponse first = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "console.log(require('msb-tiny-npm').value)",
                        "template",
                        "node",
                        "dependencies",
                        List.of(dependency),
                        "session_id",
                        session));
        assertThat(first.isError()).as(first.raw()).isFalse();
        assertThat(first.structured().path("stdout").asText()).isEqualTo("tiny npm works");
        McpResponse removed = mcp.callTool(
                "execute_command",
                Map.of(
                        "command",
                                "test -e node_modules/msb-tiny-npm && rm -rf node_modules/msb-tiny-npm && echo removed",
                        "template", "node",
                        "session_id", session));
        assertThat(removed.structured().path("stdout").asText())
                .as(removed.raw())
                .isEqualTo("removed");

        McpResponse second = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "console.log('second call')",
                        "template",
                        "node",
                        "dependencies",
                        List.of(dependency),
                        "session_id",
                        session));
        McpResponse check = mcp.callTool(
                "execute_command",
                Map.of(
                        "command", "test -e node_modules/msb-tiny-npm && echo reinstalled || echo not reinstalled",
                        "template", "node",
                        "session_id", session));

        assertThat(second.isError()).as(second.raw()).isFalse();
        assertThat(second.structured().path("stdout").asText()).isEqualTo("second call");
        assertThat(check.structured().path("stdout").asText()).isEqualTo("not reinstalled");
        stop(session);
    }

    @Test
    void dependencies_missingPackageWithoutNetwork_codeExecutionErrorWithHints() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("deps-missing");

        McpResponse response = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "print('never runs')",
                        "dependencies",
                        List.of(SharedStack.VOLUME_CONTAINER_PATH + "/no-such-1.0-py3-none-any.whl"),
                        "session_id",
                        session));

        assertThat(response.error().path("code").asInt()).isEqualTo(-32603);
        assertThat(response.errorCode()).isEqualTo("CODE_EXECUTION_ERROR");
        assertThat(response.error().path("data").path("recovery_suggestions")).isNotEmpty();
        mcp.callTool("stop_session", Map.of("session_id", session));
    }

    private static void stop(String session) {
        McpResponse stopped = it.shared().mcp().callTool("stop_session", Map.of("session_id", session));
        assertThat(stopped.structured().path("stopped").asBoolean())
                .as(stopped.raw())
                .isTrue();
    }
}

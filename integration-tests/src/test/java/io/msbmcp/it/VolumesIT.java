package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code MSB_SHARED_VOLUME_PATH} end to end: the shared adapter maps a host folder to {@code /shared}; a file the
 * host writes is read by sandbox code, a file sandbox code writes appears on the host, and {@code get_volume_path}
 * lists the mapping.
 */
@Timeout(120)
final class VolumesIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    @Test
    void volume_hostFile_readableInSandbox() throws IOException {
        Path hostDir = ItEnv.createDirectories(it.shared().volumeHostDir().resolve("from-host"));
        Files.writeString(hostDir.resolve("greeting.txt"), "written by the host\n");
        String session = Sessions.newId("vol-read");

        McpResponse python = it.shared()
                .mcp()
                .callTool(
                        "execute_code",
                        Map.of(
                                "code",
                                "print(open('/shared/from-host/greeting.txt').read().strip())",
                                "session_id",
                                session));
        McpResponse node = it.shared()
                .mcp()
                .callTool(
                        "execute_code",
                        Map.of(
                                "code",
                                        "console.log(require('fs').readFileSync('/shared/from-host/greeting.txt', 'utf8').trim())",
                                "template", "node"));

        assertThat(python.isError()).as(python.raw()).isFalse();
        assertThat(python.structured().path("stdout").asText()).isEqualTo("written by the host");
        assertThat(node.isError()).as(node.raw()).isFalse();
        assertThat(node.structured().path("stdout").asText()).isEqualTo("written by the host");
        stop(session);
        stop(node.structured().path("session_id").asText());
    }

    @Test
    void volume_fileWrittenInSandbox_visibleOnHost() throws IOException {
        Path hostDir = ItEnv.createDirectories(it.shared().volumeHostDir().resolve("from-sandbox"));
        String session = Sessions.newId("vol-write");

        McpResponse code = it.shared()
                .mcp()
                .callTool(
                        "execute_code",
                        Map.of(
                                "code",
                                "open('/shared/from-sandbox/by-code.txt', 'w').write('written by sandbox code')",
                                "session_id",
                                session));
        McpResponse command = it.shared()
                .mcp()
                .callTool(
                        "execute_command",
                        Map.of(
                                "command",
                                "echo written by a command > /shared/from-sandbox/by-command.txt",
                                "session_id",
                                session));

        assertThat(code.isError()).as(code.raw()).isFalse();
        assertThat(command.isError()).as(command.raw()).isFalse();
        assertThat(Files.readString(hostDir.resolve("by-code.txt"))).isEqualTo("written by sandbox code");
        assertThat(Files.readString(hostDir.resolve("by-command.txt"))).isEqualTo("written by a command\n");
        stop(session);
    }

    @Test
    void getVolumePath_sharedVolume_listsTheMapping() {
        McpResponse response = it.shared().mcp().callTool("get_volume_path", Map.of());

        assertThat(response.isError()).as(response.raw()).isFalse();
        JsonNode mappings = response.structured().path("volume_mappings");
        assertThat(mappings).hasSize(1);
        assertThat(mappings.get(0).path("host_path").asText())
                .isEqualTo(it.shared().volumeHostDir().toString());
        assertThat(mappings.get(0).path("container_path").asText()).isEqualTo("/shared");
        assertThat(response.text()).contains("/shared");
    }

    private static void stop(String session) {
        McpResponse stopped = it.shared().mcp().callTool("stop_session", Map.of("session_id", session));
        assertThat(stopped.structured().path("stopped").asBoolean())
                .as(stopped.raw())
                .isTrue();
    }
}

package io.msbmcp.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code execute_code} checks the session's state and collects the files the code wrote inside its one run, against
 * the built jars and the dev server's real Python and Node REPLs: files and pictures reported with their bytes, a
 * change of directory by the code that does not move the scan, and a REPL replaced behind msb-mcp's back (its sandbox
 * stopped and started again under the same name) reported as a reset, with the code run in the fresh REPL.
 */
@Timeout(180)
final class OneCallRunIT {
    @RegisterExtension
    static final ItHarness it = new ItHarness();

    /** A 1×1 PNG. */
    private static final String PNG_HEX = "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            + "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d605ee0000000049454e44ae426082";

    private static List<String> names(McpResponse response) {
        List<String> names = new ArrayList<>();
        response.structured()
                .path("files")
                .forEach(file -> names.add(file.path("name").asText()));
        return names;
    }

    private static List<String> contentTypes(McpResponse response) {
        List<String> types = new ArrayList<>();
        response.result()
                .path("content")
                .forEach(block -> types.add(block.path("type").asText()));
        return types;
    }

    private static JsonNode file(McpResponse response, String name) {
        for (JsonNode file : response.structured().path("files")) {
            if (file.path("name").asText().equals(name)) {
                return file;
            }
        }
        throw new AssertionError("no file " + name + " in " + response.raw());
    }

    private static byte[] image(McpResponse response) {
        for (JsonNode block : response.result().path("content")) {
            if (block.path("type").asText().equals("image")) {
                return Base64.getDecoder().decode(block.path("data").asText());
            }
        }
        throw new AssertionError("no image block in " + response.raw());
    }

    private static String workDir(McpHttp mcp, String session) {
        return mcp.callTool("execute_command", Map.of("command", "pwd", "session_id", session, "collect_files", false))
                .structured()
                .path("stdout")
                .asText()
                .strip();
    }

    @Test
    void python_writesAFileAndAPicture_bothReportedWithThePicturesBytesAndNoTagInStdout() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("onecall-py");

        McpResponse run = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "import os\nos.makedirs('plots', exist_ok=True)\n"
                                + "open('plots/dot.png', 'wb').write(bytes.fromhex('" + PNG_HEX + "'))\n"
                                + "open('table.csv', 'w').write('a,b\\n1,2\\n')\nprint('saved', end='')",
                        "session_id",
                        session));
        String home = workDir(mcp, session);

        assertThat(run.isError()).as(run.raw()).isFalse();
        assertThat(run.structured().path("stdout").asText()).isEqualTo("saved");
        assertThat(names(run)).containsExactly("plots/dot.png", "table.csv");
        assertThat(contentTypes(run)).containsExactly("text", "resource_link", "resource_link", "image");
        assertThat(image(run)).isEqualTo(HexFormat.of().parseHex(PNG_HEX));
        assertThat(file(run, "table.csv").path("path").asText()).isEqualTo(home + "/table.csv");
        assertThat(file(run, "table.csv").path("size").asLong()).isEqualTo(8);
        assertThat(file(run, "plots/dot.png").path("mime_type").asText()).isEqualTo("image/png");
        mcp.callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void python_codeChangesDirectoryThenWrites_scanStaysOnTheWorkDirectory() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("onecall-chdir");
        mcp.callTool("execute_code", Map.of("code", "x = 1", "session_id", session));

        McpResponse moved = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "import os\nopen('before.txt', 'w').write('b')\nos.chdir('/tmp')\n"
                                + "open('after.txt', 'w').write('a')\nprint(os.getcwd())",
                        "session_id",
                        session));
        McpResponse next = mcp.callTool(
                "execute_code", Map.of("code", "open('again.txt', 'w').write('g')", "session_id", session));
        String home = workDir(mcp, session);

        assertThat(moved.structured().path("stdout").asText()).isEqualTo("/tmp");
        assertThat(names(moved)).containsExactly("before.txt");
        assertThat(file(moved, "before.txt").path("path").asText()).isEqualTo(home + "/before.txt");
        assertThat(names(next)).doesNotContain("again.txt", "after.txt");
        mcp.callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void node_writesAFileAndAPicture_bothReportedWithThePicturesBytes() {
        McpHttp mcp = it.shared().mcp();
        String session = Sessions.newId("onecall-node");

        McpResponse run = mcp.callTool(
                "execute_code",
                Map.of(
                        "code",
                        "const fs = require('fs')\n"
                                + "fs.writeFileSync('dot.png', Buffer.from('" + PNG_HEX + "', 'hex'))\n"
                                + "fs.writeFileSync('notes.txt', 'n')\nconsole.log('saved')",
                        "template",
                        "node",
                        "session_id",
                        session));

        assertThat(run.isError()).as(run.raw()).isFalse();
        assertThat(run.structured().path("stdout").asText()).isEqualTo("saved");
        assertThat(names(run)).containsExactly("dot.png", "notes.txt");
        assertThat(image(run)).isEqualTo(HexFormat.of().parseHex(PNG_HEX));
        mcp.callTool("stop_session", Map.of("session_id", session));
    }

    @Test
    void python_replReplacedBehindOurBack_resetReportedAndTheCodeRanInTheFreshRepl() {
        McpHttp mcp = it.shared().mcp();
        DevServerProcess devServer = it.shared().devServer();
        String session = Sessions.newId("onecall-lost");
        mcp.callTool("execute_code", Map.of("code", "x = 42", "session_id", session));
        String sandbox = mcp.callTool("get_sessions", Map.of("session_id", session))
                .structured()
                .path("sessions")
                .get(0)
                .path("sandbox_name")
                .asText();
        devServer.stopSandbox(SharedStack.NAMESPACE, sandbox);
        devServer.startSandbox(SharedStack.NAMESPACE, sandbox);

        McpResponse lost = mcp.callTool(
                "execute_code", Map.of("code", "print(globals().get('x', 'x is gone'))", "session_id", session));
        McpResponse next = mcp.callTool("execute_code", Map.of("code", "y = 1\nprint('next')", "session_id", session));

        assertThat(lost.isError()).as(lost.raw()).isFalse();
        assertThat(lost.structured().path("session_reset").asBoolean()).isTrue();
        assertThat(lost.structured().path("session_reset_reason").asText())
                .contains("interpreter was replaced")
                .contains("state is gone");
        assertThat(lost.structured().path("stdout").asText()).isEqualTo("x is gone");
        assertThat(next.structured().path("session_reset").asBoolean()).isFalse();
        assertThat(next.structured().path("stdout").asText()).isEqualTo("next");
        assertThat(lost.raw()).doesNotContain("__msb_");
        mcp.callTool("stop_session", Map.of("session_id", session));
    }
}

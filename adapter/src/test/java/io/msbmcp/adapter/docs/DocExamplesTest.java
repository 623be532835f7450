package io.msbmcp.adapter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msbmcp.adapter.testing.Http;
import io.msbmcp.adapter.testing.TestServer;
import io.msbmcp.devserver.DevServer;
import io.msbmcp.devserver.DevServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The curl examples a reader copies, run as written against the server over the real dev server (as with
 * {@code --dev}): those of README.md's quick start, then those of docs/tools.md in document order (they share the
 * session {@code demo}). Every {@code /mcp} example must get a JSON-RPC result without {@code isError}.
 */
@Timeout(60)
final class DocExamplesTest {
    private static final Pattern CURL = Pattern.compile("curl\\b.*?(https?://localhost:8000(/\\S*)?)");
    private static final Pattern BODY = Pattern.compile("-d '([^']*)'", Pattern.DOTALL);

    private static DevServer dev;
    private static TestServer server;

    /** One example: the path it calls and its body, or null for a GET. */
    private record Example(String source, String path, String body) {}

    @BeforeAll
    static void start() throws Exception {
        dev = DevServer.start(DevServerConfig.builder().port(0).build());
        server = TestServer.start(dev.baseUrl().toString(), b -> b, w -> w);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (dev != null) {
            dev.close();
        }
    }

    /** The curl commands of a page's bash blocks, continuation lines joined, comments dropped. */
    private static List<Example> examples(String page) {
        List<Example> examples = new ArrayList<>();
        for (Markdown.CodeBlock block : Markdown.read(page).codeBlocks()) {
            if (!block.info().equals("bash")) {
                continue;
            }
            String joined = block.body().replaceAll("(?m)^\\s*#.*$", "").replace("\\\n", " ");
            for (String command : joined.split("\n(?=\\S)")) {
                Matcher curl = CURL.matcher(command);
                if (!curl.find()) {
                    continue;
                }
                Matcher body = BODY.matcher(command);
                String path = curl.group(2) == null ? "/" : curl.group(2);
                examples.add(new Example(page, path, body.find() ? body.group(1) : null));
            }
        }
        return examples;
    }

    private static void run(List<Example> examples) {
        Http http = server.http();
        String taskId = "TASK_ID";
        for (Example example : examples) {
            if (example.body() == null) {
                Http.Response response = http.get(example.path());
                assertThat(response.status())
                        .as("GET %s from %s", example.path(), example.source())
                        .isEqualTo(200);
                continue;
            }
            // the tasks examples: TASK_ID stands for the taskId of the answer that created the task
            String body = example.body().replace("TASK_ID", taskId);
            Http.Response response = http.post(example.path(), body, "Content-Type", "application/json");
            JsonNode json = response.json();
            if (json.path("result").path("task").hasNonNull("taskId")) {
                taskId = json.path("result").path("task").path("taskId").asText();
            }

            assertThat(response.status())
                    .as("%s: %s", example.source(), example.body())
                    .isEqualTo(200);
            assertThat(json.has("result"))
                    .as("%s: %s answered %s", example.source(), example.body(), json)
                    .isTrue();
            assertThat(json.get("result").path("isError").asBoolean(false))
                    .as("%s: %s answered %s", example.source(), example.body(), json)
                    .isFalse();
        }
    }

    @Test
    void readmeAndToolsExamples_runAsWritten() {
        List<Example> readme = examples("README.md");
        List<Example> tools = examples("docs/tools.md");

        assertThat(readme).extracting(Example::path).containsExactly("/mcp", "/mcp", "/");
        assertThat(tools).hasSize(11);
        run(readme);
        run(tools);
    }
}

package io.msbmcp.adapter.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The links and names the docs give a reader: every relative link of README.md and docs/ resolves to a file (and to a
 * heading, with {@code #anchor}), every page is linked from README.md, every {@code docs/…} path the code mentions
 * exists, and every Java class the docs name in a code span exists in the sources (no stale class names).
 */
@Timeout(30)
final class DocLinksTest {
    private static final Pattern CLASS_NAME =
            Pattern.compile("^([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+)(?:\\.[A-Za-z_]+)?$");
    private static final Pattern DOCS_PATH = Pattern.compile("\\bdocs/[a-z0-9-]+\\.md\\b");

    /**
     * CamelCase names the docs use that are not classes of this repository: classes of the libraries msb-mcp builds
     * on, a systemd setting, a Python exception. Every other such name must be a class in our sources.
     */
    private static final Set<String> OTHER_NAMES = Set.of(
            "AsyncAppender",
            "CallToolResult",
            "CancellationException",
            "KeyboardInterrupt",
            "CrossOriginHandler",
            "GracefulHandler",
            "HttpServletStreamableServerTransportProvider",
            "JsonEncoder",
            "McpError",
            "McpStatelessSyncServer",
            "NativePRNG",
            "QueuedThreadPool",
            "ScheduledThreadPoolExecutor",
            "ThreadLocalRandom",
            "TimeoutStopSec",
            "ZeroDivisionError");

    @Test
    void everyRelativeLink_resolvesToAFileAndHeading() {
        List<String> broken = new ArrayList<>();
        for (Path page : Repo.markdownFiles()) {
            for (String link :
                    Markdown.read(Repo.root().relativize(page).toString()).links()) {
                if (link.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                String anchor = link.contains("#") ? link.substring(link.indexOf('#') + 1) : null;
                Path target =
                        file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(Repo.root().relativize(page) + ": " + link + " (no such file)");
                } else if (anchor != null && target.toString().endsWith(".md")) {
                    Set<String> anchors = Markdown.of(Repo.read(target)).anchors();
                    if (!anchors.contains(anchor)) {
                        broken.add(Repo.root().relativize(page) + ": " + link + " (no such heading; there are "
                                + anchors + ")");
                    }
                }
            }
        }

        assertThat(broken).isEmpty();
    }

    @Test
    void readme_linksEveryDocsPage() {
        Set<String> linked = new TreeSet<>(Markdown.read("README.md").links());
        for (Path page : Repo.markdownFiles()) {
            String relative = Repo.root().relativize(page).toString();
            if (!relative.equals("README.md")) {
                assertThat(linked).as("README.md links").contains(relative);
            }
        }
    }

    @Test
    void docsPathsInTheCodeAndOpsFiles_exist() {
        List<Path> files = new ArrayList<>(Repo.mainSources());
        files.add(Repo.path("Dockerfile"));
        files.add(Repo.path("systemd/msb-mcp.service"));
        files.add(Repo.path("systemd/msb-mcp.env"));
        for (Path file : files) {
            Matcher m = DOCS_PATH.matcher(Repo.read(file));
            while (m.find()) {
                assertThat(Repo.path(m.group()))
                        .as("%s mentions %s", file, m.group())
                        .isRegularFile();
            }
        }
    }

    @Test
    void classNamesInTheDocs_existInTheSources() {
        Set<String> sources = new TreeSet<>();
        for (Path file : Repo.allSources()) {
            String name = file.getFileName().toString();
            sources.add(name.substring(0, name.length() - ".java".length()));
        }
        List<String> unknown = new ArrayList<>();
        for (Path page : Repo.markdownFiles()) {
            String prose = Markdown.of(Repo.read(page)).prose();
            for (String span : Markdown.codeSpans(prose)) {
                Matcher m = CLASS_NAME.matcher(span);
                if (m.matches() && !sources.contains(m.group(1)) && !OTHER_NAMES.contains(m.group(1))) {
                    unknown.add(Repo.root().relativize(page) + ": " + span);
                }
            }
        }

        assertThat(unknown).as("class names without a source file").isEmpty();
    }
}

package io.msbmcp.wrapper.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.msbmcp.errors.InvalidArgumentException;
import io.msbmcp.errors.ResourceLimitException;
import io.msbmcp.wrapper.Flavor;
import io.msbmcp.wrapper.Template;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.session.Session;
import io.msbmcp.wrapper.session.SessionManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The file scripts run for real by {@code sh} and coreutils on this machine, as the portal would run them. */
@Timeout(60)
final class SandboxFilesTest {
    @TempDir
    Path work;

    private LocalShell shell;
    private SandboxFiles files;
    private Session session;

    private void setUp(long maxFileBytes) throws IOException {
        work = work.toRealPath();
        shell = new LocalShell(work);
        files = new SandboxFiles(shell, "ns", Duration.ofSeconds(30), maxFileBytes);
        SessionManager manager = new SessionManager(
                Duration.ofMinutes(5),
                10,
                null,
                null,
                Ticker.systemTicker(),
                Clock.systemUTC(),
                Runnable::run,
                s -> {});
        session = manager.acquire("s1", Template.PYTHON, Flavor.SMALL, Flavor.SMALL)
                .session();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private FileOutcome<UploadedFile> upload(String path, byte[] content, boolean overwrite) {
        return files.upload(session, false, new UploadFileRequest(path, content, "s1", null, null, null, overwrite));
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> all = Files.walk(work)) {
            return all.filter(p -> p.getFileName().toString().contains(".msb-upload-"))
                    .toList();
        }
    }

    @Test
    void upload_relativePathInNewFolder_writesFileAndReturnsAbsolutePathAndSha() throws IOException {
        setUp(1 << 20);

        FileOutcome<UploadedFile> outcome = upload("data/in.txt", "hello\n".getBytes(StandardCharsets.UTF_8), true);

        assertThat(outcome.problem()).isNull();
        assertThat(outcome.value().path()).isEqualTo(work + "/data/in.txt");
        assertThat(outcome.value().size()).isEqualTo(6);
        assertThat(outcome.value().sha256()).isEqualTo(SandboxFiles.sha256("hello\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(work.resolve("data/in.txt"))).isEqualTo("hello\n");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void upload_threeMiB_movesInChunksUnderTheArgumentLimits() throws IOException {
        setUp(32 << 20);
        byte[] content = random(3 * 1024 * 1024 + 17);

        FileOutcome<UploadedFile> outcome = upload("big.bin", content, true);

        assertThat(outcome.value().chunks()).isEqualTo(3);
        assertThat(Files.readAllBytes(work.resolve("big.bin"))).isEqualTo(content);
        for (CommandRunParams call : shell.calls.subList(1, shell.calls.size())) {
            assertThat(call.args()).allMatch(arg -> arg.length() < 128 * 1024);
            assertThat(call.args().stream().mapToLong(String::length).sum()).isLessThan(2 * 1024 * 1024 - 64 * 1024);
        }
    }

    @Test
    void upload_emptyContent_writesEmptyFile() throws IOException {
        setUp(1 << 20);

        FileOutcome<UploadedFile> outcome = upload("empty", new byte[0], true);

        assertThat(outcome.value().size()).isZero();
        assertThat(Files.size(work.resolve("empty"))).isZero();
    }

    @Test
    void upload_backendFailsOnSecondChunk_leavesNoPartialFileAnywhere() throws IOException {
        setUp(32 << 20);
        Files.writeString(work.resolve("keep.bin"), "old");
        shell.failCall = 3; // pwd, first chunk, then the second chunk fails

        assertThatThrownBy(() -> upload("keep.bin", random(2 * 1024 * 1024), true))
                .isInstanceOf(SandboxApiException.class);

        assertThat(Files.readString(work.resolve("keep.bin"))).isEqualTo("old");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void upload_overwriteFalseOnExistingFile_refusedAsExistsAndKeepsIt() throws IOException {
        setUp(1 << 20);
        Files.writeString(work.resolve("a.txt"), "old");

        FileOutcome<UploadedFile> outcome = upload("a.txt", new byte[] {1}, false);

        assertThat(outcome.problem().kind()).isEqualTo(FileProblem.Kind.ALREADY_EXISTS);
        assertThat(Files.readString(work.resolve("a.txt"))).isEqualTo("old");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void upload_ontoDirectory_refusedAsDirectory() throws IOException {
        setUp(1 << 20);
        Files.createDirectory(work.resolve("dir"));

        FileOutcome<UploadedFile> outcome = upload("dir", new byte[] {1}, true);

        assertThat(outcome.problem().kind()).isEqualTo(FileProblem.Kind.IS_DIRECTORY);
        assertThat(outcome.problem().message()).contains(work + "/dir");
    }

    @Test
    void upload_parentIsAFile_refusedAsParentNotADirectory() throws IOException {
        setUp(1 << 20);
        Files.writeString(work.resolve("plain"), "x");

        FileOutcome<UploadedFile> outcome = upload("plain/child.txt", new byte[] {1}, true);

        assertThat(outcome.problem().kind()).isEqualTo(FileProblem.Kind.PARENT_NOT_A_DIRECTORY);
    }

    @Test
    void upload_overLimit_throwsBeforeAnyBackendCall() throws IOException {
        setUp(1000);

        assertThatThrownBy(() -> upload("x", new byte[1001], true))
                .isInstanceOf(ResourceLimitException.class)
                .hasMessageContaining("1001 bytes")
                .hasMessageContaining("1000 bytes")
                .hasMessageContaining("MSB_MAX_FILE_BYTES");
        assertThat(shell.calls).isEmpty();
    }

    @Test
    void upload_pathClimbingAboveRoot_invalidArgumentNamingPath() throws IOException {
        setUp(1000);

        assertThatThrownBy(() -> upload("/../etc/x", new byte[1], true))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'path'");
        assertThat(shell.calls).isEmpty();
    }

    @Test
    void download_sevenMiB_readsInChunksAndMatches() throws IOException {
        setUp(32 << 20);
        byte[] content = random(7 * 1024 * 1024 + 5);
        Files.write(work.resolve("seven.bin"), content);

        FileOutcome<DownloadedFile> outcome =
                files.download(session, new DownloadFileRequest("seven.bin", "s1", null), "path");

        assertThat(outcome.value().content()).isEqualTo(content);
        assertThat(outcome.value().truncated()).isFalse();
        assertThat(outcome.value().mimeType()).isEqualTo("application/octet-stream");
        assertThat(shell.calls).hasSize(4); // pwd, check + checksum, two chunks
    }

    @Test
    void download_overLimit_resourceLimitNamingSizeAndLimit() throws IOException {
        setUp(100);
        Files.write(work.resolve("f"), new byte[101]);

        assertThatThrownBy(() -> files.download(session, new DownloadFileRequest("f", "s1", null), "path"))
                .isInstanceOf(ResourceLimitException.class)
                .hasMessageContaining("101 bytes")
                .hasMessageContaining("100 bytes");
    }

    @Test
    void download_maxBytes_returnsTheHeadTruncated() throws IOException {
        setUp(1000);
        Files.writeString(work.resolve("t.txt"), "0123456789");

        DownloadedFile file = files.download(session, new DownloadFileRequest("t.txt", "s1", 4L), "path")
                .value();

        assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("0123");
        assertThat(file.size()).isEqualTo(10);
        assertThat(file.truncated()).isTrue();
        assertThat(file.mimeType()).isEqualTo("text/plain");
    }

    @Test
    void download_missingDirectoryAndDanglingLink_areRefusals() throws IOException {
        setUp(1000);
        Files.createDirectory(work.resolve("d"));
        Files.createSymbolicLink(work.resolve("dangling"), work.resolve("nowhere"));

        assertThat(files.download(session, new DownloadFileRequest("nope", "s1", null), "path")
                        .problem()
                        .kind())
                .isEqualTo(FileProblem.Kind.NOT_FOUND);
        assertThat(files.download(session, new DownloadFileRequest("d", "s1", null), "path")
                        .problem()
                        .kind())
                .isEqualTo(FileProblem.Kind.IS_DIRECTORY);
        assertThat(files.download(session, new DownloadFileRequest("dangling", "s1", null), "path")
                        .problem()
                        .message())
                .contains("symbolic link");
    }

    @Test
    void download_symlinkToFile_readsTheTarget() throws IOException {
        setUp(1000);
        Files.writeString(work.resolve("real.csv"), "a,b\n");
        Files.createSymbolicLink(work.resolve("link.csv"), work.resolve("real.csv"));

        DownloadedFile file = files.download(session, new DownloadFileRequest("link.csv", "s1", null), "path")
                .value();

        assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("a,b\n");
        assertThat(file.mimeType()).isEqualTo("text/csv");
    }

    @Test
    void list_recursive_showsTypesSizesSortedByPath() throws IOException {
        setUp(1000);
        Files.createDirectories(work.resolve("sub/deeper"));
        Files.writeString(work.resolve("sub/deeper/x.txt"), "abc");
        Files.createSymbolicLink(work.resolve("ln"), work.resolve("sub"));

        FileListing listing =
                files.list(session, new ListFilesRequest(null, "s1", true, 100)).value();

        assertThat(listing.path()).isEqualTo(work.toString());
        assertThat(listing.entries())
                .extracting(FileEntry::path, FileEntry::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(work + "/ln", "symlink"),
                        org.assertj.core.groups.Tuple.tuple(work + "/sub", "directory"),
                        org.assertj.core.groups.Tuple.tuple(work + "/sub/deeper", "directory"),
                        org.assertj.core.groups.Tuple.tuple(work + "/sub/deeper/x.txt", "file"));
        assertThat(listing.entries().get(3).size()).isEqualTo(3);
        assertThat(listing.truncated()).isFalse();
    }

    @Test
    void list_moreThanMax_truncated() throws IOException {
        setUp(1000);
        for (int i = 0; i < 5; i++) {
            Files.writeString(work.resolve("f" + i), "");
        }

        FileListing listing =
                files.list(session, new ListFilesRequest(".", "s1", false, 3)).value();

        assertThat(listing.entries()).hasSize(3);
        assertThat(listing.truncated()).isTrue();
    }

    @Test
    void list_missingPath_notFound() throws IOException {
        setUp(1000);

        assertThat(files.list(session, new ListFilesRequest("none", "s1", false, 3))
                        .problem()
                        .kind())
                .isEqualTo(FileProblem.Kind.NOT_FOUND);
    }

    @Test
    void scan_fileWrittenAfterRunStart_isFoundWithImageBytes() throws IOException {
        setUp(1000);
        Files.writeString(work.resolve("old.txt"), "old");
        work.resolve("old.txt").toFile().setLastModified(System.currentTimeMillis() - 60_000);
        long started = System.nanoTime();
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};
        Files.write(work.resolve("chart.png"), png);
        Files.createDirectories(work.resolve("node_modules"));
        Files.writeString(work.resolve("node_modules/pkg.js"), "x");
        ArtifactScanner scanner = new ArtifactScanner(shell, "ns", 1024);

        List<ArtifactFile> found = scanner.scan(session, started);

        assertThat(found).extracting(ArtifactFile::relativePath).containsExactly("chart.png");
        assertThat(found.get(0).mimeType()).isEqualTo("image/png");
        assertThat(found.get(0).image()).isEqualTo(png);
        assertThat(found.get(0).path()).isEqualTo(work + "/chart.png");
        assertThat(shell.calls).hasSize(1);
    }
}

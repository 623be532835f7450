package io.msbmcp.wrapper.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.msbmcp.wrapper.Template;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives real {@code python3} and {@code node} REPLs exactly as the Microsandbox portal starts them (interactive
 * input, an end marker after each run) with the runner lines the wrapper sends.
 */
@Timeout(60)
final class ReplScriptsTest {
    private static final String RUN_ID = "test";
    private static final String MARK = "__msb_failed_test";
    private static final String MARKER = "0123456789abcdef01234567";
    private static final String SCAN = io.msbmcp.wrapper.files.RunnerScan.spec(
            1024, java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(1));
    private Process process;
    private Writer stdin;
    private BufferedReader stdout;
    private BufferedReader stderr;
    private int runs;

    @TempDir
    Path temp;

    @AfterEach
    void tearDown() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private void startPython() throws IOException {
        start(List.of("python3", "-q", "-u", "-i", "-c", "import sys; sys.ps1=sys.ps2=''"));
    }

    private void startNode() throws IOException {
        start(List.of(
                "node", "-e", "require('repl').start({prompt:'',terminal:false,ignoreUndefined:true,useGlobal:true})"));
    }

    private void start(List<String> command) throws IOException {
        try {
            Files.createDirectories(home());
            process = new ProcessBuilder(command).directory(home().toFile()).start();
        } catch (IOException e) {
            assumeTrue(false, command.get(0) + " is not installed");
        }
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    }

    /** Sends one runner line plus end markers on both streams, like the dev server does, and collects both. */
    private Output run(Template template, String code, List<String> paths) throws IOException {
        send(template, code, paths);
        return collect();
    }

    /** The REPL's working directory (the sandbox's, which the file scan covers). */
    private Path home() {
        return temp.resolve("home");
    }

    private Path pidFile() {
        return temp.resolve("repl.pid");
    }

    private void send(Template template, String code, List<String> paths) throws IOException {
        send(template, code, paths, MARKER, false, "");
    }

    /** Sends one runner line with the state marker, check flag and scan argument given, and collects its output. */
    private Output run(Template template, String code, String marker, boolean check, String scan) throws IOException {
        send(template, code, List.of(), marker, check, scan);
        return collect();
    }

    private void send(Template template, String code, List<String> paths, String marker, boolean check, String scan)
            throws IOException {
        String end = "eoe_" + (++runs);
        stdin.write(ReplScripts.line(template, code, RUN_ID, paths, pidFile().toString(), marker, check, scan));
        stdin.write(
                template == Template.PYTHON
                        ? "\nprint('" + end + "'); import sys; print('" + end + "', file=sys.stderr)\n"
                        : "console.log('" + end + "'); console.error('" + end + "')\n");
        stdin.flush();
    }

    private Output collect() throws IOException {
        String end = "eoe_" + runs;
        return new Output(readUntil(stdout, end), readUntil(stderr, end));
    }

    /** Sends SIGINT to the pid the runner wrote, as {@link Interrupts#interruptCode} does from a command. */
    private void interruptWhenRunning() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(pidFile()) || Files.readString(pidFile()).isBlank()) {
            assertThat(System.nanoTime()).as("pid file written").isLessThan(deadline);
            Thread.sleep(10);
        }
        String pid = Files.readString(pidFile()).trim();
        assertThat(pid).isEqualTo(Long.toString(process.pid()));
        assertThat(new ProcessBuilder("kill", "-INT", pid).start().waitFor()).isZero();
    }

    private static List<String> readUntil(BufferedReader reader, String end) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.equals(end)) {
                return lines;
            }
            lines.add(line);
        }
        throw new IOException("stream ended before " + end);
    }

    private record Output(List<String> stdout, List<String> stderr) {
        boolean failed() {
            return stdout.stream().anyMatch(line -> line.endsWith(MARK));
        }
    }

    @Test
    void python_sigintWhileCodeRuns_raisesKeyboardInterruptKeepsStateAndRemovesPidFile() throws Exception {
        startPython();
        run(Template.PYTHON, "kept = 41", List.of());

        send(Template.PYTHON, "print('before')\nwhile True:\n    pass", List.of());
        interruptWhenRunning();
        Output interrupted = collect();
        Output after = run(Template.PYTHON, "print(kept + 1)", List.of());

        assertThat(interrupted.stdout()).contains("before");
        assertThat(interrupted.stderr()).contains("KeyboardInterrupt");
        assertThat(interrupted.failed()).isTrue();
        assertThat(after.stdout()).containsExactly("42");
        assertThat(pidFile()).doesNotExist();
    }

    @Test
    void node_sigintWhileSynchronousLoopRuns_interruptsItKeepsStateAndRemovesPidFile() throws Exception {
        startNode();
        run(Template.NODE, "var kept = 41", List.of());

        send(Template.NODE, "console.log('before'); while (true) {}", List.of());
        interruptWhenRunning();
        Output interrupted = collect();
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(); // between runs: ignored
        Output after = run(Template.NODE, "console.log(kept + 1)", List.of());

        assertThat(interrupted.stdout()).contains("before");
        assertThat(String.join("\n", interrupted.stderr())).contains("Script execution was interrupted");
        assertThat(interrupted.failed()).isTrue();
        assertThat(after.stdout()).containsExactly("42");
        assertThat(process.isAlive()).isTrue();
        assertThat(pidFile()).doesNotExist();
    }

    @Test
    void python_stateAcrossRuns_persists() throws Exception {
        startPython();

        run(Template.PYTHON, "x = 42", List.of());
        Output output = run(Template.PYTHON, "print(x)", List.of());

        assertThat(output.stdout()).containsExactly("42");
        assertThat(output.failed()).isFalse();
    }

    @Test
    void python_multiLineBlocksWithBlankLines_runAsAProgram() throws Exception {
        startPython();

        Output output = run(
                Template.PYTHON,
                "def double(a):\n    b = a * 2\n\n    return b\n\nfor i in range(2):\n    print(double(i))\nprint('end')",
                List.of());

        assertThat(output.stdout()).containsExactly("0", "2", "end");
        assertThat(output.stderr()).isEmpty();
    }

    @Test
    void python_trailingExpression_isEchoed() throws Exception {
        startPython();

        assertThat(run(Template.PYTHON, "a = 2\na * 21", List.of()).stdout()).containsExactly("42");
        assertThat(run(Template.PYTHON, "'text'", List.of()).stdout()).containsExactly("'text'");
        assertThat(run(Template.PYTHON, "None", List.of()).stdout()).isEmpty();
    }

    @Test
    void python_uncaughtError_printsTracebackAndTheFailureMark() throws Exception {
        startPython();

        Output output = run(Template.PYTHON, "def f():\n    return 1 / 0\nf()", List.of());

        assertThat(output.failed()).isTrue();
        assertThat(output.stderr()).first().isEqualTo("Traceback (most recent call last):");
        assertThat(output.stderr()).anyMatch(l -> l.contains("File \"<code>\", line 3"));
        assertThat(output.stderr()).last().isEqualTo("ZeroDivisionError: division by zero");
        assertThat(String.join("\n", output.stderr())).doesNotContain("__msb_run");
    }

    @Test
    void python_warningOnStderr_isNoFailure() throws Exception {
        startPython();

        Output output = run(Template.PYTHON, "import warnings\nwarnings.warn('careful')\nprint('done')", List.of());

        assertThat(output.failed()).isFalse();
        assertThat(output.stdout()).containsExactly("done");
        assertThat(output.stderr()).anyMatch(l -> l.contains("UserWarning: careful"));
    }

    @Test
    void python_syntaxError_failsAndKeepsTheReplAlive() throws Exception {
        startPython();

        Output broken = run(Template.PYTHON, "def (", List.of());
        Output next = run(Template.PYTHON, "print('alive')", List.of());

        assertThat(broken.failed()).isTrue();
        assertThat(broken.stderr()).anyMatch(l -> l.startsWith("SyntaxError"));
        assertThat(next.stdout()).containsExactly("alive");
    }

    @Test
    void python_sysExit_failsOnNonZeroAndKeepsTheReplAlive() throws Exception {
        startPython();

        Output exit3 = run(Template.PYTHON, "import sys\nsys.exit(3)", List.of());
        Output exit0 = run(Template.PYTHON, "import sys\nsys.exit(0)", List.of());
        Output next = run(Template.PYTHON, "print('alive')", List.of());

        assertThat(exit3.failed()).isTrue();
        assertThat(exit3.stderr()).containsExactly("SystemExit: 3");
        assertThat(exit0.failed()).isFalse();
        assertThat(next.stdout()).containsExactly("alive");
    }

    @Test
    void python_readingStdin_failsAtOnceAndKeepsTheReplInput() throws Exception {
        startPython();

        Output reading = run(Template.PYTHON, "name = input('name? ')", List.of());
        Output next = run(Template.PYTHON, "print('alive')", List.of());

        assertThat(reading.failed()).isTrue();
        assertThat(reading.stderr()).last().asString().startsWith("EOFError");
        assertThat(next.stdout()).containsExactly("alive");
    }

    @Test
    void python_quotesAndUnicodeInCode_arriveIntact() throws Exception {
        startPython();

        Output output = run(Template.PYTHON, "print(\"it's \\\"quoted\\\" ''' é €\")", List.of());

        assertThat(output.stdout()).containsExactly("it's \"quoted\" ''' é €");
    }

    @Test
    void python_packagePath_isImportable() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("pkgs");
        java.nio.file.Files.writeString(dir.resolve("msbtestmod.py"), "VALUE = 7\n");
        startPython();

        Output output = run(Template.PYTHON, "import msbtestmod\nprint(msbtestmod.VALUE)", List.of(dir.toString()));

        assertThat(output.stdout()).containsExactly("7");
    }

    @Test
    void node_globalsAndTopLevelLetConst_persist() throws Exception {
        startNode();

        run(Template.NODE, "x = 42\nconst z = 1\nlet w = 2", List.of());
        Output output = run(Template.NODE, "console.log(x, z, w)", List.of());

        assertThat(output.stdout()).containsExactly("42 1 2");
    }

    @Test
    void node_uncaughtError_printsStackAndTheFailureMark() throws Exception {
        startNode();

        Output output = run(Template.NODE, "function f() { null.x }\nf()", List.of());

        assertThat(output.failed()).isTrue();
        assertThat(output.stderr()).anyMatch(l -> l.startsWith("TypeError"));
        assertThat(output.stderr()).anyMatch(l -> l.contains("at f (<code>:1:"));
        assertThat(String.join("\n", output.stderr())).doesNotContain("runInThisContext");
    }

    @Test
    void node_completionValueAndRequire_work() throws Exception {
        startNode();

        assertThat(run(Template.NODE, "require('path').join('a', 'b')", List.of())
                        .stdout())
                .containsExactly("'a/b'");
        assertThat(run(Template.NODE, "undefined", List.of()).stdout()).isEmpty();
    }

    @Test
    void node_consoleErrorOnly_isNoFailure() throws Exception {
        startNode();

        Output output = run(Template.NODE, "console.error('just a warning')", List.of());

        assertThat(output.failed()).isFalse();
        assertThat(output.stderr()).containsExactly("just a warning");
        process.getOutputStream().close();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static final String PNG_HEX = "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489";

    /** The files the runner reported on its tag line (the line must be there, once). */
    private static List<io.msbmcp.wrapper.files.ArtifactFile> files(Output output) {
        String tag = "__msb_files_" + RUN_ID + " ";
        List<String> tagged =
                output.stdout().stream().filter(line -> line.contains(tag)).toList();
        assertThat(tagged).as(output.toString()).hasSize(1);
        String line = tagged.get(0);
        return io.msbmcp.wrapper.files.RunnerScan.parse(line.substring(line.indexOf(tag) + tag.length()));
    }

    private static List<String> names(List<io.msbmcp.wrapper.files.ArtifactFile> files) {
        return files.stream()
                .map(io.msbmcp.wrapper.files.ArtifactFile::relativePath)
                .toList();
    }

    @Test
    void python_checkAgainstThePlantedMarker_runsTheCode() throws Exception {
        startPython();
        run(Template.PYTHON, "x = 1", MARKER, false, "");

        Output checked = run(Template.PYTHON, "print(x)", MARKER, true, "");

        assertThat(checked.stdout()).containsExactly("1");
    }

    @Test
    void python_replWithoutTheMarker_printsTheLostTagAndRunsNothing() throws Exception {
        startPython();
        run(Template.PYTHON, "x = 1", "ffffffffffffffffffffffff", false, "");

        Output lost = run(Template.PYTHON, "x = 2\nprint('ran')", MARKER, true, "");
        Output after = run(Template.PYTHON, "print(x)", MARKER, false, "");

        assertThat(lost.stdout()).containsExactly("__msb_lost_" + RUN_ID);
        assertThat(after.stdout()).containsExactly("1");
    }

    @Test
    void line_checkedRun_callsTheInstalledRunnerInAFewHundredBytes() {
        String install =
                ReplScripts.line(Template.PYTHON, "print(1)", RUN_ID, List.of(), "/tmp/p", MARKER, false, SCAN);
        String call = ReplScripts.line(Template.PYTHON, "print(1)", RUN_ID, List.of(), "/tmp/p", MARKER, true, SCAN);
        String nodeCall = ReplScripts.line(Template.NODE, "1", RUN_ID, List.of(), "/tmp/p", MARKER, true, SCAN);

        assertThat(install.length()).isGreaterThan(3000);
        assertThat(call.length()).isLessThan(400);
        assertThat(nodeCall.length()).isLessThan(400);
    }

    @Test
    void python_freshReplChecked_printsTheLostTagAndRunsNothing() throws Exception {
        startPython();

        Output lost = run(Template.PYTHON, "print('ran')", MARKER, true, "");

        assertThat(lost.stdout()).containsExactly("__msb_lost_" + RUN_ID);
    }

    @Test
    void python_codeThatDeletesTheRunner_nextCheckedRunIsLostThenReinstalled() throws Exception {
        startPython();
        run(Template.PYTHON, "kept = 5", MARKER, false, "");
        run(
                Template.PYTHON,
                "for k in [k for k in globals() if k.startswith('__msb_r_')]: del globals()[k]",
                MARKER,
                true,
                "");

        Output lost = run(Template.PYTHON, "print('ran')", MARKER, true, "");
        Output reinstalled = run(Template.PYTHON, "print(kept)", MARKER, false, "");
        Output checked = run(Template.PYTHON, "print(kept + 1)", MARKER, true, "");

        assertThat(lost.stdout()).containsExactly("__msb_lost_" + RUN_ID);
        assertThat(reinstalled.stdout()).containsExactly("5");
        assertThat(checked.stdout()).containsExactly("6");
    }

    @Test
    void node_replWithoutTheMarker_printsTheLostTagAndRunsNothing() throws Exception {
        startNode();

        Output lost = run(Template.NODE, "console.log('ran')", MARKER, true, "");
        run(Template.NODE, "var x = 1", MARKER, false, "");
        Output checked = run(Template.NODE, "console.log(x)", MARKER, true, "");

        assertThat(lost.stdout()).containsExactly("__msb_lost_" + RUN_ID);
        assertThat(checked.stdout()).containsExactly("1");
    }

    @Test
    void python_scan_reportsTheFilesTheCodeWroteWithPictureBytesAndSkipsTheRest() throws Exception {
        Files.createDirectories(home().resolve("node_modules"));
        Files.writeString(home().resolve("node_modules/dep.js"), "x");
        Files.writeString(home().resolve("old.txt"), "old");
        Files.setLastModifiedTime(
                home().resolve("old.txt"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        startPython();

        Output output = run(
                Template.PYTHON,
                "import os\nos.makedirs('out/a/b/c', exist_ok=True)\n"
                        + "open('out/data.csv', 'w').write('x,y\\n')\n"
                        + "open('out/chart.png', 'wb').write(bytes.fromhex('" + PNG_HEX + "'))\n"
                        + "open('out/a/b/deep.txt', 'w').write('3')\n"
                        + "open('out/a/b/c/deeper.txt', 'w').write('4')\n"
                        + "open('node_modules/dep.js', 'w').write('y')\n"
                        + "os.symlink(os.path.abspath('out'), 'link')\n"
                        + "print('done', end='')",
                MARKER,
                false,
                SCAN);
        List<io.msbmcp.wrapper.files.ArtifactFile> found = files(output);

        assertThat(output.stdout()).singleElement().asString().startsWith("done__msb_files_" + RUN_ID + " ");
        assertThat(names(found)).containsExactly("out/a/b/deep.txt", "out/chart.png", "out/data.csv");
        io.msbmcp.wrapper.files.ArtifactFile chart = found.get(1);
        assertThat(chart.path())
                .isEqualTo(home().toRealPath().resolve("out/chart.png").toString());
        assertThat(chart.mimeType()).isEqualTo("image/png");
        assertThat(chart.image()).isEqualTo(java.util.HexFormat.of().parseHex(PNG_HEX));
        assertThat(found.get(2).image()).isNull();
        assertThat(found.get(2).size()).isEqualTo(4);
    }

    @Test
    void python_codeThatRaises_stillReportsItsFilesAfterTheFailureMark() throws Exception {
        startPython();

        Output output =
                run(Template.PYTHON, "open('partial.txt', 'w').write('p')\nraise ValueError('x')", MARKER, false, SCAN);

        assertThat(output.failed()).isTrue();
        assertThat(names(files(output))).containsExactly("partial.txt");
    }

    @Test
    void python_codeThatChangesDirectory_doesNotMoveTheScan() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        startPython();
        run(Template.PYTHON, "pass", MARKER, false, "");

        Output output = run(
                Template.PYTHON,
                "import os\nopen('here.txt', 'w').write('h')\nos.chdir(" + pyString(elsewhere) + ")\n"
                        + "open('there.txt', 'w').write('t')",
                MARKER,
                true,
                SCAN);
        Output next = run(Template.PYTHON, "open('again.txt', 'w').write('a')", MARKER, true, SCAN);

        assertThat(names(files(output))).containsExactly("here.txt");
        assertThat(names(files(next))).doesNotContain("again.txt", "there.txt");
        assertThat(elsewhere.resolve("again.txt")).exists();
    }

    @Test
    void node_scan_reportsFilesAndPictureBytesAndIgnoresAChangeOfDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        startNode();
        run(Template.NODE, "1", MARKER, false, "");

        Output output = run(
                Template.NODE,
                "const fs = require('fs')\nfs.mkdirSync('out', { recursive: true })\n"
                        + "fs.writeFileSync('out/chart.png', Buffer.from('" + PNG_HEX + "', 'hex'))\n"
                        + "fs.writeFileSync('notes.txt', 'n')\nprocess.chdir(" + pyString(elsewhere) + ")\n"
                        + "fs.writeFileSync('there.txt', 't')",
                MARKER,
                true,
                SCAN);
        List<io.msbmcp.wrapper.files.ArtifactFile> found = files(output);

        assertThat(output.stdout()).hasSize(1);
        assertThat(names(found)).containsExactly("notes.txt", "out/chart.png");
        assertThat(found.get(1).image()).isEqualTo(java.util.HexFormat.of().parseHex(PNG_HEX));
        assertThat(found.get(1).path())
                .isEqualTo(home().toRealPath().resolve("out/chart.png").toString());
    }

    @Test
    void node_codeThatThrows_stillReportsItsFiles() throws Exception {
        startNode();

        Output output = run(
                Template.NODE,
                "require('fs').writeFileSync('partial.txt', 'p')\nthrow new Error('x')",
                MARKER,
                false,
                SCAN);

        assertThat(output.failed()).isTrue();
        assertThat(names(files(output))).containsExactly("partial.txt");
    }

    private static String pyString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

package io.msbmcp.wrapper.exec;

import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.model.OutputLine;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.model.ReplRunResult;
import io.msbmcp.wrapper.session.Session;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs code in a session's REPL with {@code sandbox.repl.run} and reads the result: output lines split by stream,
 * the runner's failure mark, the legacy server's timeout line ({@code Error: Execution timed out after N seconds}) and
 * its dead-REPL line ({@code Error: Engine unavailable: Python process channel closed}, when the code ended the
 * interpreter, e.g. with {@code os._exit}).
 */
public final class CodeRunner {
    private static final Pattern TIMEOUT_LINE = Pattern.compile("^Error: Execution timed out after \\d+ seconds$");
    private static final Pattern ENGINE_UNAVAILABLE_LINE = Pattern.compile("^Error: Engine unavailable: .*$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MicrosandboxClient client;
    private final String namespace;
    private final OutputCapper capper;

    public CodeRunner(MicrosandboxClient client, String namespace, OutputCapper capper) {
        this.client = client;
        this.namespace = namespace;
        this.capper = capper;
    }

    /** Runs {@code code}; the caller holds the session's lock and the sandbox runs. */
    public CodeOutcome run(Session session, String code, Duration timeout) {
        String mark = "__msb_failed_" + HexFormat.of().formatHex(randomBytes());
        String line = ReplScripts.line(session.template(), code, mark, session.packagePaths());
        long started = System.nanoTime();
        ReplRunResult result = client.runRepl(new ReplRunParams(
                session.sandboxName(), namespace, session.template().replLanguage(), line, timeout.toSeconds()));
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();

        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        boolean raised = false;
        for (OutputLine output : result.lines()) {
            String text = output.text() == null ? "" : output.text();
            if (output.isStderr()) {
                stderr.add(text);
            } else if (text.stripTrailing().endsWith(mark)) {
                // the mark ends its line; output the code printed without a newline stands before it
                raised = true;
                String before = text.stripTrailing();
                before = before.substring(0, before.length() - mark.length());
                if (!before.isEmpty()) {
                    stdout.add(before);
                }
            } else {
                stdout.add(text);
            }
        }
        String lastStderr = stderr.isEmpty() ? "" : stderr.get(stderr.size() - 1);
        boolean timedOut = TIMEOUT_LINE.matcher(lastStderr).matches();
        boolean engineDead =
                !raised && ENGINE_UNAVAILABLE_LINE.matcher(lastStderr).matches();
        OutputCapper.Capped out = capper.cap(String.join("\n", stdout));
        OutputCapper.Capped err = capper.cap(String.join("\n", stderr));
        return new CodeOutcome(
                out.text(), err.text(), raised, timedOut, engineDead, out.truncated() || err.truncated(), elapsed);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

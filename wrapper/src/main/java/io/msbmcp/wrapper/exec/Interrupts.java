package io.msbmcp.wrapper.exec;

import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.model.CommandRunParams;
import io.msbmcp.wrapper.model.CommandRunResult;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a run from a second {@code sandbox.command.run} in the same sandbox, which the legacy portal serves while the
 * REPL is busy, and which shares the REPL's process space (one VM). The scripts are fixed text; the only thing passed
 * to them is the path of a pid file under {@code /tmp}, built from a random run id, as a separate argument.
 *
 * <ul>
 *   <li><b>Code:</b> the REPL runner writes the REPL's pid to {@link #replPidFile} while the call's code runs and
 *       removes it after; {@link #interruptCode} sends that pid SIGINT (Python raises KeyboardInterrupt, Node's {@code
 *       breakOnSigint} throws), so the REPL and its variables survive. No pid file: nothing of this call runs.
 *   <li><b>Commands:</b> {@link ShellInvocation#inOwnGroup} starts each command through {@code setsid -w} as the leader
 *       of a new process group whose id it writes to {@link #commandPidFile}; {@link #endCommand} sends the group
 *       TERM, waits up to 2 s, then sends KILL.
 * </ul>
 */
public final class Interrupts {
    private static final Logger logger = LoggerFactory.getLogger(Interrupts.class);
    /**
     * Run ids come from a DRBG seeded once: the default {@code NativePRNG} reads {@code /dev/urandom} under a lock on
     * every call, which showed in the profile of {@code execute_code}.
     */
    private static final SecureRandom RANDOM = drbg();

    private static final long SIGNAL_TIMEOUT_SECONDS = 10;

    /** Exit 0: signal sent; 3: no pid file (nothing runs); 4: not a pid; 5: no such process. */
    static final String INTERRUPT_REPL = "f=$1; [ -r \"$f\" ] || exit 3; p=$(cat -- \"$f\"); "
            + "case \"$p\" in ''|*[!0-9]*) exit 4;; esac; kill -s INT \"$p\" 2>/dev/null || exit 5";

    /** Exit codes as above. {@code kill -s SIG -- -PGID} is the POSIX form (dash rejects {@code kill -TERM -- -PGID}). */
    static final String END_GROUP = "f=$1; [ -r \"$f\" ] || exit 3; p=$(cat -- \"$f\"); "
            + "case \"$p\" in ''|*[!0-9]*) exit 4;; esac; "
            + "kill -s TERM -- \"-$p\" 2>/dev/null || kill -s TERM \"$p\" 2>/dev/null || exit 5; "
            + "i=0; while [ $i -lt 20 ] && kill -s 0 -- \"-$p\" 2>/dev/null; do sleep 0.1; i=$((i+1)); done; "
            + "kill -s KILL -- \"-$p\" 2>/dev/null; exit 0";

    private final MicrosandboxClient client;
    private final String namespace;

    public Interrupts(MicrosandboxClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** A fresh random run id (hex), safe in a file name. */
    static String newRunId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Where the REPL runner of run {@code runId} keeps the REPL's pid while the code runs. */
    static String replPidFile(String runId) {
        return "/tmp/.msb-mcp-run-" + runId;
    }

    /** Where a command of run {@code runId} keeps its process group id while it runs. */
    static String commandPidFile(String runId) {
        return "/tmp/.msb-mcp-cmd-" + runId;
    }

    /** Sends SIGINT to the REPL of {@code sandbox} if it still runs the code of {@code runId}. */
    void interruptCode(String sandbox, String runId) {
        signal(sandbox, INTERRUPT_REPL, replPidFile(runId), "interrupt code");
    }

    /** Ends the process group of the command {@code runId} in {@code sandbox}: TERM, then KILL. */
    void endCommand(String sandbox, String runId) {
        signal(sandbox, END_GROUP, commandPidFile(runId), "end command");
    }

    private void signal(String sandbox, String script, String pidFile, String what) {
        CommandRunResult result = client.runCommand(new CommandRunParams(
                sandbox, namespace, "sh", List.of("-c", script, "sh", pidFile), SIGNAL_TIMEOUT_SECONDS));
        logger.debug("{} in sandbox '{}': exit {}", what, sandbox, result.exitCode());
    }
}

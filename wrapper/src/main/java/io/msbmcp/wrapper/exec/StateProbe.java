package io.msbmcp.wrapper.exec;

import io.msbmcp.errors.MsbException;
import io.msbmcp.wrapper.client.MicrosandboxClient;
import io.msbmcp.wrapper.client.SandboxApiException;
import io.msbmcp.wrapper.model.OutputLine;
import io.msbmcp.wrapper.model.ReplRunParams;
import io.msbmcp.wrapper.session.Session;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a sandbox that lost its state behind our back. When a session's sandbox starts, a random marker is set in
 * its REPL; before each later run the marker is read back. A REPL without it was replaced (the backend restarted the
 * sandbox or its interpreter), and a sandbox the backend no longer runs is gone: either way the caller is told the
 * state is gone instead of meeting a NameError. A probe that cannot tell (any other failure) says so, and the run goes
 * ahead as before.
 */
public final class StateProbe {
    private static final Logger logger = LoggerFactory.getLogger(StateProbe.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long PROBE_TIMEOUT_SECONDS = 30;
    private static final String TAG = "__msb_state:";

    /** What the probe found. */
    public enum State {
        /** The marker is there: the REPL is the one the session started. */
        INTACT,
        /** The REPL answers but has no marker: it was replaced and its state is gone. */
        LOST,
        /** The backend no longer runs the sandbox. */
        GONE,
        /** The probe could not tell (the backend failed in another way). */
        UNKNOWN
    }

    private final MicrosandboxClient client;
    private final String namespace;

    public StateProbe(MicrosandboxClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Sets a new marker in the session's REPL (its sandbox just started); the caller holds the session's lock. */
    public void plant(Session session) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String marker = HexFormat.of().formatHex(bytes);
        String line = switch (session.template()) {
            case PYTHON -> "__msb_state = '" + marker + "'\n";
            case NODE -> "globalThis.__msb_state = '" + marker + "'; undefined\n";
        };
        try {
            client.runRepl(new ReplRunParams(
                    session.sandboxName(), namespace, session.template().replLanguage(), line, PROBE_TIMEOUT_SECONDS));
            session.stateMarker(marker);
        } catch (SandboxApiException | MsbException e) {
            logger.debug("Could not mark the REPL of session '{}': {}", session.id(), e.getMessage());
        }
    }

    /**
     * Reads the marker back; {@code gone} asks the backend whether the sandbox still runs when the probe fails with a
     * server error. A session without a marker is {@link State#UNKNOWN}.
     */
    public State check(Session session, Predicate<String> gone) {
        String marker = session.stateMarker();
        if (marker == null) {
            return State.UNKNOWN;
        }
        String line = switch (session.template()) {
            case PYTHON ->
                "print('" + TAG + "' + ('ok' if globals().get('__msb_state') == '" + marker + "' else 'lost'))\n";
            case NODE -> "console.log('" + TAG + "' + (globalThis.__msb_state === '" + marker + "' ? 'ok' : 'lost'))\n";
        };
        try {
            for (OutputLine output : client.runRepl(new ReplRunParams(
                            session.sandboxName(),
                            namespace,
                            session.template().replLanguage(),
                            line,
                            PROBE_TIMEOUT_SECONDS))
                    .lines()) {
                String text = output.text() == null ? "" : output.text().strip();
                if (text.equals(TAG + "ok")) {
                    return State.INTACT;
                }
                if (text.equals(TAG + "lost")) {
                    return State.LOST;
                }
            }
            return State.UNKNOWN;
        } catch (SandboxApiException e) {
            return e.isServerError() && gone.test(session.sandboxName()) ? State.GONE : State.UNKNOWN;
        } catch (MsbException e) {
            return State.UNKNOWN;
        }
    }
}

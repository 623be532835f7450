package io.msbmcp.wrapper.session;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes session ids and sandbox names. Ids are 128 random bits in hex: unguessable and URL-safe. */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int SUFFIX_LENGTH = 6;

    private SessionIds() {}

    /** A new server-made session id: 32 lower-case hex characters. */
    public static String newSessionId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * A sandbox name for the session: the whole session id, a dash and a random suffix, so two sessions never share a
     * sandbox and a session re-created under the same id (or reset after a timeout) gets a fresh one. At most 48 + 7 =
     * 55 characters, within Microsandbox's 63.
     */
    public static String newSandboxName(String sessionId) {
        StringBuilder name = new StringBuilder(sessionId.length() + 1 + SUFFIX_LENGTH)
                .append(sessionId)
                .append('-');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET[RANDOM.nextInt(SUFFIX_ALPHABET.length)]);
        }
        return name.toString();
    }
}

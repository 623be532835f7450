package io.msbmcp.it;

import java.util.UUID;

/** Session ids for tests: readable, unique per call, and valid ({@code ^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$}). */
final class Sessions {
    private Sessions() {}

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

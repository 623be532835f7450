package io.msbmcp.devserver;

import io.msbmcp.devserver.isolation.IsolationProbe;

/** Whether bubblewrap is installed, so that isolation tests are skipped only when it genuinely is not. */
final class Bwrap {
    private Bwrap() {}

    static boolean installed() {
        return IsolationProbe.findOnPath("bwrap", System.getenv("PATH")).isPresent();
    }

    /** REQUIRED when bwrap is installed (a broken bwrap then fails the test), NONE otherwise. */
    static IsolationMode modeForTests() {
        return installed() ? IsolationMode.REQUIRED : IsolationMode.NONE;
    }
}

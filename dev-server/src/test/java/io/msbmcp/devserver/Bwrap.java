package io.msbmcp.devserver;

import io.msbmcp.devserver.isolation.IsolationProbe;

/** Whether bubblewrap is installed, so that isolation tests are skipped only when it genuinely is not. */
final class Bwrap {
    private Bwrap() {}

    static boolean installed() {
        // MSB_DEV_TEST_WITHOUT_BWRAP=1 runs the suite as on a machine without bubblewrap.
        return !"1".equals(System.getenv("MSB_DEV_TEST_WITHOUT_BWRAP"))
                && IsolationProbe.findOnPath("bwrap", System.getenv("PATH")).isPresent();
    }

    /** REQUIRED when bwrap is installed (a broken bwrap then fails the test), NONE otherwise. */
    static IsolationMode modeForTests() {
        return installed() ? IsolationMode.REQUIRED : IsolationMode.NONE;
    }
}

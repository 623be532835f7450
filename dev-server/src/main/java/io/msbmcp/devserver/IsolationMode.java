package io.msbmcp.devserver;

/** Whether sandbox processes run under bubblewrap. */
public enum IsolationMode {
    /** Use bubblewrap when {@code bwrap} is on the PATH and works here; otherwise run unconfined, with a loud warning. */
    AUTO,
    /** Use bubblewrap; refuse to start when it does not work. */
    REQUIRED,
    /** Never isolate: sandbox code runs directly on the host, in the sandbox's work directory. */
    NONE
}

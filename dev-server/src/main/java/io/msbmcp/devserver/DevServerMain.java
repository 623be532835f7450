package io.msbmcp.devserver;

/** Placeholder entry point; the dev server is built in its own change. */
public final class DevServerMain {
    private DevServerMain() {}

    public static void main(String[] args) {
        System.err.println("msb-dev-server: not built yet");
        System.exit(1);
    }
}

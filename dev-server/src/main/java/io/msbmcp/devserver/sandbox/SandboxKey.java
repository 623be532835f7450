package io.msbmcp.devserver.sandbox;

import static java.util.Objects.requireNonNull;

/** A sandbox's identity: its namespace and name. */
record SandboxKey(String namespace, String name) {
    SandboxKey {
        requireNonNull(namespace, "namespace");
        requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}

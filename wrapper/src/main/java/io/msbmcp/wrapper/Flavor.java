package io.msbmcp.wrapper;

import io.msbmcp.errors.InvalidArgumentException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A resource flavor: the CPUs and memory of a session's sandbox. */
public enum Flavor {
    SMALL("small", 1, 1024),
    MEDIUM("medium", 2, 2048),
    LARGE("large", 4, 4096);

    private final String id;
    private final int cpus;
    private final int memoryMb;

    Flavor(String id, int cpus, int memoryMb) {
        this.id = id;
        this.cpus = cpus;
        this.memoryMb = memoryMb;
    }

    public String id() {
        return id;
    }

    public int cpus() {
        return cpus;
    }

    /** Memory in MiB. */
    public int memoryMb() {
        return memoryMb;
    }

    /** Parses a flavor id; unknown ids are an invalid {@code flavor} argument. */
    public static Flavor fromId(String id) {
        return fromId("flavor", id);
    }

    /** Parses a flavor id, naming {@code field} when it is unknown. */
    public static Flavor fromId(String field, String id) {
        for (Flavor flavor : values()) {
            if (flavor.id.equals(id.toLowerCase(Locale.ROOT))) {
                return flavor;
            }
        }
        throw InvalidArgumentException.of(field, "must be one of " + ids() + " (got '" + id + "')");
    }

    /** The accepted ids, comma-separated. */
    public static String ids() {
        return Arrays.stream(values()).map(Flavor::id).collect(Collectors.joining(", "));
    }
}

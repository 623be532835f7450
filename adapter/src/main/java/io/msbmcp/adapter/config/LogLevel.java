package io.msbmcp.adapter.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The log levels of {@code MCP_LOG_LEVEL} and {@code --log-level}, named as in the seed. */
public enum LogLevel {
    DEBUG,
    INFO,
    WARNING,
    ERROR;

    /** Parses a level case-insensitively ({@code WARN} is accepted for {@code WARNING}); null when unknown. */
    public static @Nullable LogLevel parse(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        if (name.equals("WARN")) {
            return WARNING;
        }
        for (LogLevel level : values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        return null;
    }

    /** The accepted names, for messages. */
    public static String names() {
        return "DEBUG, INFO, WARNING, ERROR";
    }
}

package io.msbmcp.adapter.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The log output format of {@code MCP_LOG_FORMAT}: human-readable lines or one JSON object a line. */
public enum LogFormat {
    TEXT,
    JSON;

    /** Parses a format case-insensitively; null when unknown. */
    public static @Nullable LogFormat parse(String value) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        for (LogFormat format : values()) {
            if (format.name().equals(name)) {
                return format;
            }
        }
        return null;
    }
}

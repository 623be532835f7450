package io.msbmcp.adapter.protocol;

import java.util.List;

/** The two MCP protocol eras this endpoint speaks, chosen per request by {@link EraClassifier}. */
enum ProtocolEra {
    /** 2024-11-05 to 2025-11-25: {@code initialize}, {@code Mcp-Session-Id}, and plain session-less POSTs. */
    LEGACY,
    /** 2026-07-28: stateless, {@code server/discover}, {@code _meta} on every request, header checks. */
    MODERN;

    /** The first modern revision. */
    static final String MODERN_VERSION = "2026-07-28";

    /** The modern revisions served (listed by {@code server/discover}). */
    static final List<String> MODERN_VERSIONS = List.of(MODERN_VERSION);

    /** The legacy revisions {@code initialize} negotiates, newest first. */
    static final List<String> LEGACY_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
}

package io.msbmcp.adapter.protocol;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides the era of one request. Modern iff the request claims it: {@code params._meta} carries {@code
 * io.modelcontextprotocol/protocolVersion} (whatever its value), or the {@code MCP-Protocol-Version} header names
 * 2026-07-28 or a later date. Everything else (an {@code initialize}, a request in an MCP session, a plain curl POST,
 * a header with an older or unparseable version) is legacy.
 */
final class EraClassifier {
    static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    private EraClassifier() {}

    static ProtocolEra classify(JsonRpcMessage message, @Nullable String protocolVersionHeader) {
        var meta = message.meta();
        if (meta != null && meta.has(META_PROTOCOL_VERSION)) {
            return ProtocolEra.MODERN;
        }
        return isModernVersion(protocolVersionHeader) ? ProtocolEra.MODERN : ProtocolEra.LEGACY;
    }

    /** True for a {@code YYYY-MM-DD} version of 2026-07-28 or later. */
    static boolean isModernVersion(@Nullable String version) {
        if (version == null) {
            return false;
        }
        String value = version.trim();
        return DATE.matcher(value).matches() && value.compareTo(ProtocolEra.MODERN_VERSION) >= 0;
    }
}

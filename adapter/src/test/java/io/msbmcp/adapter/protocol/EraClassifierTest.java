package io.msbmcp.adapter.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Modern iff the request claims 2026-07-28: the _meta version (any value) or a header of 2026-07-28 or later. */
final class EraClassifierTest {
    private static ProtocolEra classify(String params, String header) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\""
                + (params.isEmpty() ? "" : ",\"params\":" + params) + "}";
        return EraClassifier.classify(JsonRpcParser.parse(body.getBytes(UTF_8)), header.isEmpty() ? null : header);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "                                                              |            | LEGACY",
                "{}                                                            |            | LEGACY",
                "{}                                                            | 2025-11-25 | LEGACY",
                "{}                                                            | 1999-99-99 | LEGACY",
                "{}                                                            | garbage    | LEGACY",
                "{}                                                            | 2026-07-28 | MODERN",
                "{}                                                            | 2027-01-01 | MODERN",
                "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"v9\"}} |            | MODERN",
                "{\"_meta\":{\"progressToken\":1}}                                | 2025-06-18 | LEGACY",
            })
    void classify_byMetaClaimOrHeader(String params, String header, ProtocolEra expected) {
        assertThat(classify(params == null ? "" : params.strip(), header == null ? "" : header.strip()))
                .isEqualTo(expected);
    }
}

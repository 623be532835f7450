package io.msbmcp.wrapper.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

final class ConnectionFailuresTest {

    @Test
    void describe_eachKindOfFailure_saysWhatHappenedWithoutClassNames() {
        assertThat(ConnectionFailures.describe(new ConnectException("Failed to connect to /127.0.0.1:5555")))
                .isEqualTo("connection refused (nothing listens there)");
        assertThat(ConnectionFailures.describe(new UnknownHostException("msb.invalid")))
                .isEqualTo("unknown host 'msb.invalid'");
        assertThat(ConnectionFailures.describe(new SocketException("Connection reset")))
                .isEqualTo("connection reset by the server");
        assertThat(ConnectionFailures.describe(new EOFException("\\n not found: limit=0")))
                .isEqualTo("the connection closed before a complete answer");
        assertThat(ConnectionFailures.describe(new IOException("unexpected end of stream on http://h/...")))
                .isEqualTo("the connection closed before a complete answer");
        assertThat(ConnectionFailures.describe(new SSLHandshakeException("bad certificate")))
                .isEqualTo("TLS handshake failed: bad certificate");
        assertThat(ConnectionFailures.describe(new SSLHandshakeException("PKIX path building failed: "
                        + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid "
                        + "certification path to requested target")))
                .isEqualTo("TLS handshake failed: PKIX path building failed: unable to find valid certification path "
                        + "to requested target");
        assertThat(ConnectionFailures.describe(new IOException())).isEqualTo("I/O error");
    }
}

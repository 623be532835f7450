package io.msbmcp.adapter.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msbmcp.errors.InvalidArgumentException;
import org.junit.jupiter.api.Test;

final class SessionFileUrisTest {
    @Test
    void of_encodesSlashesAndSpacesAsRfc6570SimpleExpansion() {
        assertThat(SessionFileUris.of("s1", "/home/u/my chart.png"))
                .isEqualTo("sandbox://sessions/s1/files/%2Fhome%2Fu%2Fmy%20chart.png");
    }

    @Test
    void parse_roundTripsUnicodeAndPercent() {
        String path = "/w/ü 100%/a+b.txt";

        SessionFileUris.Parsed parsed = SessionFileUris.parse(SessionFileUris.of("s-1", path));

        assertThat(parsed.sessionId()).isEqualTo("s-1");
        assertThat(parsed.path()).isEqualTo(path);
    }

    @Test
    void parse_literalSlashesAndRelativePath_accepted() {
        assertThat(SessionFileUris.parse("sandbox://sessions/s1/files/data/out.csv")
                        .path())
                .isEqualTo("data/out.csv");
    }

    @Test
    void parse_otherScheme_invalidUriNamingTheTemplate() {
        assertThatThrownBy(() -> SessionFileUris.parse("file:///etc/passwd"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'uri'")
                .hasMessageContaining(SessionFileUris.TEMPLATE);
    }

    @Test
    void parse_noPathOrBadEscape_invalidUri() {
        assertThatThrownBy(() -> SessionFileUris.parse("sandbox://sessions/s1/files/"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> SessionFileUris.parse("sandbox://sessions/s1/files/%zz"))
                .isInstanceOf(InvalidArgumentException.class);
    }
}

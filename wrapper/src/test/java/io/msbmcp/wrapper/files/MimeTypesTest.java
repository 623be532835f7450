package io.msbmcp.wrapper.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class MimeTypesTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void sniffImage_magicBytesOfTheFourPictureTypes() {
        assertThat(MimeTypes.sniffImage(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)))
                .isEqualTo("image/png");
        assertThat(MimeTypes.sniffImage(bytes(0xFF, 0xD8, 0xFF, 0xE0))).isEqualTo("image/jpeg");
        assertThat(MimeTypes.sniffImage("GIF89a..".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("image/gif");
        assertThat(MimeTypes.sniffImage("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("image/webp");
        assertThat(MimeTypes.sniffImage("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII)))
                .isNull();
    }

    @Test
    void of_pngNameWithTextInside_isNotAnImage() {
        assertThat(MimeTypes.of("chart.png", "not a picture".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("text/plain");
    }

    @Test
    void of_csvAndSvgAndBinary() {
        assertThat(MimeTypes.of("out.csv", "a,b\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("text/csv");
        assertThat(MimeTypes.of("x.svg", "<svg/>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("image/svg+xml");
        assertThat(MimeTypes.isTextType("image/svg+xml")).isTrue();
        assertThat(MimeTypes.of("blob", bytes(0, 1, 2, 0xFF))).isEqualTo("application/octet-stream");
        assertThat(MimeTypes.of("data.txt", bytes(0, 1, 2))).isEqualTo("application/octet-stream");
    }

    @Test
    void isText_invalidUtf8_false() {
        assertThat(MimeTypes.isText(bytes(0xC3, 0x28))).isFalse();
        assertThat(MimeTypes.isText("héllo\n".getBytes(StandardCharsets.UTF_8))).isTrue();
    }
}

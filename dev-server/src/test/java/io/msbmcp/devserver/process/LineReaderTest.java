package io.msbmcp.devserver.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LineReaderTest {
    private static List<RawLine> readAll(byte[] bytes, int maxLineBytes) throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(bytes), maxLineBytes);
        List<RawLine> lines = new ArrayList<>();
        for (RawLine line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static List<RawLine> readAll(String text, int maxLineBytes) throws IOException {
        return readAll(text.getBytes(StandardCharsets.UTF_8), maxLineBytes);
    }

    @Test
    void readLine_newlinesAndCarriageReturns_areStripped() throws IOException {
        List<RawLine> lines = readAll("a\r\nb\n\nc", 100);

        assertThat(lines).extracting(RawLine::text).containsExactly("a", "b", "", "c");
        assertThat(lines).extracting(RawLine::bytes).containsExactly(3L, 2L, 1L, 1L);
        assertThat(lines).extracting(RawLine::cut).containsOnly(false);
    }

    @Test
    void readLine_emptyStream_isNull() throws IOException {
        assertThat(readAll("", 10)).isEmpty();
    }

    @Test
    void readLine_lineLongerThanLimit_keepsHeadAndMarksCut() throws IOException {
        List<RawLine> lines = readAll("x".repeat(100_000) + "\nnext\n", 10);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).text()).isEqualTo("x".repeat(10));
        assertThat(lines.get(0).cut()).isTrue();
        assertThat(lines.get(0).bytes()).isEqualTo(100_001);
        assertThat(lines.get(1).text()).isEqualTo("next");
    }

    @Test
    void readLine_malformedUtf8_isReplacedNotFatal() throws IOException {
        byte[] bytes = {'o', 'k', (byte) 0xff, '\n', 'y', '\n'};

        assertThat(readAll(bytes, 100)).extracting(RawLine::text).containsExactly("ok\uFFFD", "y");
    }

    @Test
    void readLine_multibyteCharacters_areDecoded() throws IOException {
        assertThat(readAll("héllo ✓\n", 100)).extracting(RawLine::text).containsExactly("héllo ✓");
    }
}

package io.msbmcp.wrapper.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ChunkingTest {
    @Test
    void chunk_empty_oneCallWithoutPieces() {
        assertThat(SandboxFiles.chunk("")).containsExactly(List.of());
    }

    @Test
    void chunk_exactlyOneCallWorth_oneCall() {
        String base64 = "A".repeat(SandboxFiles.UPLOAD_ARG_CHARS * SandboxFiles.UPLOAD_ARGS_PER_CALL);

        List<List<String>> calls = SandboxFiles.chunk(base64);

        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).hasSize(SandboxFiles.UPLOAD_ARGS_PER_CALL);
    }

    @Test
    void chunk_oneCharMore_secondCallWithOnePiece_andNothingLost() {
        String base64 = "A".repeat(SandboxFiles.UPLOAD_ARG_CHARS * SandboxFiles.UPLOAD_ARGS_PER_CALL) + "B";

        List<List<String>> calls = SandboxFiles.chunk(base64);

        assertThat(calls).hasSize(2);
        assertThat(calls.get(1)).containsExactly("B");
        assertThat(String.join("", calls.stream().flatMap(List::stream).toList()))
                .isEqualTo(base64);
    }

    @Test
    void chunk_pieceSize_isAMultipleOfFourUnderTheKernelArgumentLimit() {
        assertThat(SandboxFiles.UPLOAD_ARG_CHARS % 4).isZero();
        assertThat(SandboxFiles.UPLOAD_ARG_CHARS).isLessThan(128 * 1024);
        assertThat((long) SandboxFiles.UPLOAD_ARG_CHARS * SandboxFiles.UPLOAD_ARGS_PER_CALL)
                .isLessThan(2L * 1024 * 1024 - 256 * 1024);
    }

    @Test
    void parseEntry_nameWithSpaces_keepsWholeName() {
        assertThat(SandboxFiles.parseEntry("f 12 1700000000.5000000000 /w/a b c.txt"))
                .get()
                .satisfies(e -> {
                    assertThat(e.path()).isEqualTo("/w/a b c.txt");
                    assertThat(e.type()).isEqualTo("file");
                    assertThat(e.modified().toString()).isEqualTo("2023-11-14T22:13:20.500Z");
                });
    }
}
